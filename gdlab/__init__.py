"""gdlab: a desktop learning lab for gradient descent."""

__version__ = "0.1.0"
