"""What the window shows: the plots and the side views."""
