"""What every command shares: ``--version``, and library errors turned into clean CLI errors."""

from __future__ import annotations

import functools

import click

from actorstance import __version__
from actorstance.errors import ActorstanceError


def command(**kwargs):
    """``click.command`` plus ``--version`` and error handling: an :class:`ActorstanceError`
    becomes its message on stderr and exit code 1, never a traceback."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kw):
            try:
                return func(*args, **kw)
            except ActorstanceError as err:
                raise click.ClickException(str(err)) from err

        cmd = click.command(context_settings={"help_option_names": ["-h", "--help"]}, **kwargs)(wrapper)
        return click.version_option(__version__, prog_name="actorstance")(cmd)

    return decorate
