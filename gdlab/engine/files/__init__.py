"""Files: the trajectory CSV and its JSON, written atomically."""
