"""``python -m marginalia``: the same as the ``marginalia`` command."""

import sys

from .cli import main

sys.exit(main())
