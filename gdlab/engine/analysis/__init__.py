"""Looking at runs: gradient checks, surfaces and projections, learning-rate advice, maps (sweeps)."""
