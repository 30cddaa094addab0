"""One module, one job: a module past ~300 lines is split, or says at its top why it is not."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "actorstance"
#: Lines a module may have before it must state, in its docstring, why it is one module.
LIMIT = 320


def test_long_modules_state_why_they_are_one_module():
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > LIMIT and "Why one module" not in (ast.get_docstring(ast.parse(text)) or ""):
            unexplained.append(f"{path.relative_to(PACKAGE)} ({text.count(chr(10))} lines)")
    assert not unexplained, ("split these modules, or start their docstring's second paragraph with "
                             "'Why one module of ~N lines: ...': " + ", ".join(unexplained))
