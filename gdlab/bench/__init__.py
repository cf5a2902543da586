"""Benchmarks: the engine, the models, the maps, the window and a GUI stress test; each floor a ratio."""
