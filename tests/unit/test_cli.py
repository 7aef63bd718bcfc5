"""The ``marginalia`` command: one entry point that lists its subcommands and runs one."""

from __future__ import annotations

import pytest

from marginalia.cli import COMMANDS, main
from tests.conftest import FIXTURES


def test_without_a_command_it_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        main([])
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_an_unknown_command_is_an_error_that_names_the_choices(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["imprt"])
    assert exit_.value.code == 2
    assert "import" in capsys.readouterr().err


def test_a_command_runs_with_its_own_arguments(tmp_path, capsys):
    source = FIXTURES / "raw" / "tagged.txt"
    status = main(["import", str(source), "--slug", "one", "--outlet", "Example", "--docs", str(tmp_path / "docs")])
    assert status == 0 and (tmp_path / "docs" / "articles" / "one.md").exists()
    assert "one.md" in capsys.readouterr().out
