"""The ``actorstance`` command line: a thin click layer over the library.

Commands are loaded lazily from :data:`COMMANDS` so that ``actorstance --help`` never imports
datasets, scikit-learn or matplotlib. Each command parses options, makes one library call and
turns a library error into a message on stderr with a non-zero exit code.

Exit codes: 0 success; 1 bad input or failed check (message on stderr); 2 usage error.
"""

from __future__ import annotations

import importlib

import click

from actorstance import __version__

#: command name → "module:function" (one module per command family).
COMMANDS: dict[str, str] = {
    "validate": "actorstance.cli.annotations:validate",
    "convert": "actorstance.cli.annotations:convert",
    "schema": "actorstance.cli.annotations:schema",
    "lint": "actorstance.cli.annotations:lint",
    "new": "actorstance.cli.annotations:new",
    "locate": "actorstance.cli.annotations:locate",
    "build": "actorstance.cli.dataset:build",
    "agree": "actorstance.cli.agreement:agree",
    "audit": "actorstance.cli.dataset:audit",
    "publish": "actorstance.cli.dataset:publish",
    "split": "actorstance.cli.dataset:split_",
    "import": "actorstance.cli.imports:import_",
    "export": "actorstance.cli.exports:export",
    "tool-config": "actorstance.cli.exports:tool_config",
    "evaluate": "actorstance.cli.evaluate:evaluate",
    "predict": "actorstance.cli.evaluate:predict",
    "benchmark": "actorstance.cli.benchmark:benchmark",
    "graph": "actorstance.cli.benchmark:graph",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="actorstance")
def cli() -> None:
    """Directed political-actor stance: annotations, dataset, baselines and evaluation.

    Run ``actorstance COMMAND --help`` for a command's options.
    """
