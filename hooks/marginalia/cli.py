"""The ``marginalia`` command: one entry point, one subcommand for each thing an author does.

    marginalia import SOURCE [--slug NAME] ...    bring an article into docs/articles/
    marginalia check                              validate the notes and anchor every quote
    marginalia merge NOTES [--article SLUG]       add downloaded notes to an annotation file
    marginalia schema                             write the schemas editors use
    marginalia import SOURCE [--title …] ...     bring an article into docs/articles/
    marginalia remove SLUG… [--dry-run]          take articles out of the site

Each subcommand is a module in :mod:`marginalia.commands` with ``add_arguments(parser)`` and
``run(args) -> int`` (the exit status). Only the chosen subcommand's module is imported, so a
quick command does not wait for the libraries of another one.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> (module, one line for the list of commands)
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("marginalia.commands.import_article", "bring an article into docs/articles/"),
    "check": ("marginalia.commands.check", "validate every annotation file and anchor every quote, fast"),
    "merge": ("marginalia.commands.merge", "add a file of notes to annotations/<slug>.yml, keeping its style"),
    "schema": ("marginalia.commands.schema", "write the JSON Schemas editors use into annotations/schemas/"),
    "remove": ("marginalia.commands.remove", "take articles out of the site, with their notes and sources"),
}


def _overview() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="marginalia",
        description="Tools for a Marginalia site: bring in articles and work on their notes.",
        epilog="commands:\n" + "\n".join(f"  {name:<10} {summary}" for name, (_, summary) in COMMANDS.items())
        + "\n\n'marginalia COMMAND --help' tells more about each.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=sorted(COMMANDS), metavar="COMMAND", help="what to do")
    return parser


def command_parser(name: str) -> tuple[argparse.ArgumentParser, object]:
    """The parser of one subcommand, and its module."""
    module_name, summary = COMMANDS[name]
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=f"marginalia {name}", description=getattr(module, "DESCRIPTION", summary))
    module.add_arguments(parser)
    return parser, module


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        _overview().parse_args(argv[:1] or ["--help"])  # prints the list, or the error, and exits
        return 2
    parser, module = command_parser(argv[0])
    return module.run(parser.parse_args(argv[1:]))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
