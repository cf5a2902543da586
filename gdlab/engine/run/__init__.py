"""Runs: a single run's loop, K runs batched, the trajectory, and the recipe that resolves settings."""
