"""What every command shares: ``--version``, ``--debug``, and library errors turned into clean CLI errors."""

from __future__ import annotations

import functools
import os
import traceback
import warnings

import click

from actorstance import __version__
from actorstance.errors import ActorstanceError, ActorstanceWarning

#: Set to 1 to print the traceback behind an error (as ``--debug`` does).
DEBUG_ENV = "ACTORSTANCE_DEBUG"


def command(**kwargs):
    """``click.command`` plus ``--version``, ``--debug`` and error handling.

    An :class:`ActorstanceError` becomes its message on stderr and exit code 1, never a
    traceback; an :class:`ActorstanceWarning` is printed as ``Warning: ...``. Any other exception
    is a bug of actorstance: it is reported as one, also with exit code 1. ``--debug`` (or
    ``ACTORSTANCE_DEBUG=1``) prints the traceback first — for a model's error, the model's own.
    """

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kw):
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning(warnings.showwarning)
                try:
                    return func(*args, **kw)
                except ActorstanceError as err:
                    _maybe_traceback(err)
                    raise click.ClickException(str(err)) from err
                except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
                    raise
                except Exception as err:  # a bug: still no traceback unless asked for
                    _maybe_traceback(err)
                    text = str(err).strip().splitlines()
                    raise click.ClickException(
                        f"internal error: {type(err).__name__}{': ' + text[0][:300] if text else ''}. This is a bug "
                        f"in actorstance {__version__}: please report it with the output of the same command run "
                        "with --debug") from err

        cmd = click.command(context_settings={"help_option_names": ["-h", "--help"]}, **kwargs)(wrapper)
        cmd = click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=_set_debug,
                           help=f"On an error, also print its traceback (or set {DEBUG_ENV}=1).")(cmd)
        return click.version_option(__version__, prog_name="actorstance")(cmd)

    return decorate


def _set_debug(ctx: click.Context, param, value: bool) -> None:
    if value:
        ctx.meta["actorstance.debug"] = True


def _debugging() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get("actorstance.debug")) or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _maybe_traceback(err: BaseException) -> None:
    if _debugging():
        click.echo("".join(traceback.format_exception(err)), err=True, nl=False)


def _show_warning(default):
    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, ActorstanceWarning):
            click.echo(f"Warning: {message}", err=True)
        else:
            default(message, category, filename, lineno, file, line)

    return show


def write_run_sample_log(output, run) -> None:
    """Write an LLM run's per-sample log next to ``output`` and say what it holds (nothing for other models)."""
    if run.samples is None:
        return
    from actorstance.models.llm.samples import sample_log_path, write_sample_log

    log = sample_log_path(output)
    write_sample_log(log, run.samples)
    invalid = sum(run.inference.invalid.values())
    click.echo(f"wrote {log}: {run.inference.valid} valid answers, {invalid} invalid; "
               f"{run.inference.requests} requests, {run.inference.cache_hits} from the cache")


def show_result(result, *, output, log, as_json: bool, render) -> None:
    """Write ``result`` to ``output`` (if given) and print it: its JSON, or ``render(result)``; file notes on stderr."""
    if output is not None:
        result.write(output)
        if result.inference is not None:
            click.echo(f"wrote {log}", err=True)
    click.echo(result.to_json() if as_json else render(result), nl=False)
    if output is not None:
        click.echo(f"wrote {output}", err=True)
