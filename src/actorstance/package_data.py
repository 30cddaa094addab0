"""Reading the data files the package ships with (``actorstance/resources/``) or a user's replacement."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from actorstance.errors import LexiconError
from actorstance.inputs import read_text


def read_resource_text(path: str | Path | None, resource: str, *, what: str) -> tuple[str, str]:
    """``(where, text)`` of ``path``, or of the packaged ``resource`` when ``path`` is None.

    ``where`` names the file in error messages; an unreadable ``path`` is a
    :class:`~actorstance.errors.LexiconError` asking for an existing ``what``.
    """
    if path is None:
        return (f"actorstance/resources/{resource}",
                resources.files("actorstance").joinpath("resources", resource).read_text("utf-8"))
    _, text = read_text(path, what=what, fix=f"pass the path of an existing {what}", error=LexiconError)
    return str(path), text
