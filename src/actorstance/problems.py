"""Collecting problems: a capped list (bounded memory on garbage input) and the one adapter from
pydantic's ``ValidationError`` to located :class:`~actorstance.errors.Problem` records.

>>> problems = ProblemList(limit=2)
>>> for i in range(5):
...     problems.add(Problem("p.jsonl:1", "", f"bad {i}", "fix it"))
>>> len(problems.kept), problems.omitted
(2, 3)
>>> json_path(("stances", 3, "label"))
'stances[3].label'
>>> json_path(("sentence-level stances", "3"))
'["sentence-level stances"]["3"]'
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterable, Sequence

from actorstance.errors import Problem, ProblemsError

#: Problems kept for one error; the rest are only counted, so that a gigabyte of garbage costs
#: neither gigabytes of memory nor of messages.
MAX_PROBLEMS = 100

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LONGEST_KEY = 60


class ProblemList:
    """The first ``limit`` problems added (duplicates dropped), and a count of the others."""

    def __init__(self, limit: int = MAX_PROBLEMS):
        self.limit = limit
        self.kept: list[Problem] = []
        self._seen: set[Problem] = set()
        self.omitted = 0

    def add(self, problem: Problem) -> None:
        if problem in self._seen:
            return
        if len(self.kept) < self.limit:
            self.kept.append(problem)
            self._seen.add(problem)
        else:
            self.omitted += 1

    append = add

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def absorb(self, err: ProblemsError) -> None:
        """Add the problems of ``err`` (and its count of omitted ones)."""
        self.extend(err.problems)
        self.omitted += err.omitted

    @property
    def full(self) -> bool:
        """True once problems are only being counted (a reader may stop looking closely)."""
        return len(self.kept) >= self.limit

    def __len__(self) -> int:
        return len(self.kept) + self.omitted

    def __bool__(self) -> bool:
        return bool(self.kept) or self.omitted > 0

    def raise_if_any(self, error: type[ProblemsError], *, order: Callable[[Problem], Any] | None = None) -> None:
        if self:
            kept = sorted(self.kept, key=order) if order is not None else self.kept
            raise error(kept, omitted=self.omitted)


def json_path(loc: Iterable[str | int]) -> str:
    """A readable JSON path: ``a.b[0]``; keys that are not identifiers are quoted in brackets."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.fullmatch(part) and len(part) <= _LONGEST_KEY:
            out += f".{part}" if out else part
        else:  # a hostile 5000-character key must not make a 5000-character message
            key = part if len(part) <= _LONGEST_KEY else part[:_LONGEST_KEY - 3] + "..."
            out += f"[{json.dumps(key, ensure_ascii=False)}]"
    return out


def json_path_order(path: str) -> tuple:
    """A sort key for JSON paths that orders list indices as numbers ("stances[10]" after "stances[9]")."""
    parts = re.split(r"\[(\d+)\]", path)
    return tuple((0, int(p), "") if i % 2 else (1, 0, p) for i, p in enumerate(parts))


def short(value: Any, limit: int = 60) -> str:
    """``value`` as JSON, cut to ``limit`` characters (for "got ..." in messages)."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def some_of(items: Sequence[Any], limit: int = 5, show: Callable[[Any], str] = repr) -> str:
    """The first ``limit`` of ``items`` (each ``show(item)``, by default its repr), and how many more: for
    "N ... have no prediction: ..." messages.

    >>> some_of(["a", "b", "c"], 2)
    "'a', 'b' and 1 more"
    """
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(show(item) for item in items[:limit]) + more


#: Default fixes by pydantic error type.
DEFAULT_FIXES = {
    "missing": "add the field",
    "extra_forbidden": "remove the field",
}

#: Pydantic error types whose message needs no "got ..." (the value is the point, or there is none).
_NO_INPUT = {"missing", "extra_forbidden"}


def validation_problems(where: str, err, *, fix: str, prefix: tuple = (),
                        describe: Callable[[str, dict], tuple[str, ...] | None] | None = None) -> list[Problem]:
    """Every error of a pydantic ``ValidationError`` as a :class:`Problem` at its JSON path.

    ``prefix`` is prepended to every location (when the validated value sits inside a larger
    document). ``describe(path, error)`` may return ``(message, fix)`` — or ``(path, message, fix)``
    — for errors a caller words itself (e.g. an unknown label); otherwise the message is
    pydantic's plus the value that came.
    Locations are taken as pydantic reports them — the index of a list item is its index in the
    input, so paths stay right after an invalid item. Validator names pydantic inserts into
    locations (``function-after[...]``) are dropped; every key of the user's is kept.
    """
    out: list[Problem] = []
    errors = err.errors(include_url=False)
    for e in errors:
        # an invalid list item also fails the list's own length check: the item's problem says it all
        if e["type"] == "too_short" and any(len(o["loc"]) > len(e["loc"]) and o["loc"][:len(e["loc"])] == e["loc"]
                                            for o in errors):
            continue
        loc = tuple(part for part in (*prefix, *e["loc"]) if not _is_branch_name(part))
        path = json_path(loc)
        custom = describe(path, e) if describe is not None else None
        if custom is not None and len(custom) == 3:  # the caller also corrects the path
            path, message, own_fix = custom
        elif custom is not None:
            message, own_fix = custom
        elif e["type"] == "missing":
            message, own_fix = "required field is missing", f"{DEFAULT_FIXES['missing']}; {fix}"
        elif e["type"] == "extra_forbidden":
            message, own_fix = "unknown field", f"{DEFAULT_FIXES['extra_forbidden']}; {fix}"
        else:
            message = e["msg"] if e["type"] in _NO_INPUT else f"{e['msg']}, got {short(e.get('input'))}"
            own_fix = fix
        out.append(Problem(where, path, message, own_fix))
    return out


def _is_branch_name(part: str | int) -> bool:
    # pydantic names validator branches in locations ("function-after[check(), Span]", "list[Span]");
    # a user's key is kept whatever it looks like (a metadata key "Author" or "Span" is a real key)
    return isinstance(part, str) and part.endswith("]") and "[" in part and not part.startswith("[")
