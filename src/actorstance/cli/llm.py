"""Options every command that runs a ``--model`` shares for ``openai:`` models (docs/llm.md)."""

from __future__ import annotations

from pathlib import Path

import click

MODEL_HELP = "baseline:NAME, openai:MODEL[,KEY=VALUE...] or package.module:attr (see docs/evaluation.md, docs/llm.md)."


def llm_cache_options(func):
    """``--no-cache`` and ``--llm-cache PATH``: defaults of every ``openai:`` model (a spec's own
    ``cache=`` / ``cache_path=`` win)."""
    func = click.option("--llm-cache", "llm_cache", type=click.Path(dir_okay=False, path_type=Path),
                        help="SQLite response cache of openai: models (default: "
                             "~/.cache/actorstance/llm-responses.sqlite, or $ACTORSTANCE_CACHE_DIR).")(func)
    return click.option("--no-cache", "no_cache", is_flag=True,
                        help="openai: models ask the server for every prompt and store nothing.")(func)


def llm_defaults(no_cache: bool, llm_cache: Path | None) -> dict:
    defaults: dict = {}
    if no_cache:
        defaults["cache"] = False
    if llm_cache is not None:
        defaults["cache_path"] = str(llm_cache)
    return defaults
