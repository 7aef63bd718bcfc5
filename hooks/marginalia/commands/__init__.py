"""The subcommands of the ``marginalia`` command (see :mod:`marginalia.cli`), one module each."""
