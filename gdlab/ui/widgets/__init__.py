"""What the user types into: the settings panel and its number boxes."""
