"""The optimizers' update rules and the hyperparameter specs they are built from."""
