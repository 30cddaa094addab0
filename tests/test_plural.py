"""Counted nouns have one home, :func:`actorstance.plural.plural`; the package writes no inline ``'s' if n != 1``."""

from __future__ import annotations

import re
from pathlib import Path

from actorstance.plural import plural

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "actorstance"
INLINE = re.compile(r"""['"]s['"] if [^\n]*!= 1 else ['"]{2}""")


def test_plural():
    assert [plural(n, "document") for n in (0, 1, 2)] == ["0 documents", "1 document", "2 documents"]


def test_no_inline_plurals():
    found = [f"{path.relative_to(PACKAGE)}:{i}" for path in sorted(PACKAGE.rglob("*.py")) if path.name != "plural.py"
             for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if INLINE.search(line)]
    assert not found, "use actorstance.plural.plural(count, noun) in: " + ", ".join(found)
