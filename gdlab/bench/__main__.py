"""``python -m gdlab.bench``: the same as ``gdlab bench``."""

from .runs import main

main()
