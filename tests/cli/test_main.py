"""The command group: lazy loading, --help/--version everywhere, every command documented."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from actorstance import __version__
from actorstance.cli import COMMANDS, cli
from tests.conftest import REPO

HEAVY = ("datasets", "sklearn", "matplotlib", "networkx", "pyarrow", "scipy", "httpx", "openai")


def test_group_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_and_version(name):
    runner = CliRunner()
    help_result = runner.invoke(cli, [name, "--help"])
    assert help_result.exit_code == 0, help_result.output
    command = cli.get_command(None, name)
    assert command.help and command.help.strip(), f"command {name} has no docstring"
    version = runner.invoke(cli, [name, "--version"])
    assert (version.exit_code, version.output) == (0, f"actorstance, version {__version__}\n")


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert (result.exit_code, result.output) == (0, f"actorstance, version {__version__}\n")


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from actorstance.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_every_command_is_documented_in_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"actorstance {name}" not in readme]
    assert not missing, f"README.md does not document: {missing}"
