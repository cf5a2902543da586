"""``python -m gdlab``: the same as the ``gdlab`` command."""

import sys

from .cli import main

sys.exit(main())
