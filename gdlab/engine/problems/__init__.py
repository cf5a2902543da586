"""What is minimised: the 2-D test functions, the models and their data and options."""
