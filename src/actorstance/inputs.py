"""Reading every JSON and JSONL input the same careful way.

Why one module of ~340 lines: it is the one reading mechanism for every JSON/JSONL input, each
concern (file system, encoding, limits, duplicate keys) a small function; one place by design.

One file at a time (so that streaming readers can use it per document):

- **file system**: a missing path, a folder, a symlink loop, an unreadable file or something
  that is not a regular file (a FIFO would block forever) is a located problem, never a traceback;
- **limits**: a file larger than :data:`MAX_FILE_BYTES` (a JSONL line larger than
  :data:`MAX_LINE_BYTES`) or nested deeper than :data:`MAX_DEPTH` is refused before parsing;
- **encoding**: a byte-order mark (UTF-8, UTF-16, UTF-32) is named, and invalid UTF-8 is located
  by line and column;
- **syntax**: JSON errors carry line and column; ``NaN``/``Infinity``, numbers too large for a
  float and lone surrogate escapes (``"\\ud800"``) are refused;
- **duplicate keys** are refused at their JSON path (``json.loads`` keeps the last value silently,
  which can flip a gold label).

>>> parse_json(b'{"a": 1}', "x.json")
{'a': 1}
>>> parse_json(b'{"a": 1, "a": 2}', "x.json")
Traceback (most recent call last):
...
actorstance.errors.InputError: 1 problem in the input:
  x.json: a: key 'a' appears 2 times in this object, so one value would be silently dropped. Fix: keep exactly one 'a'.
"""

from __future__ import annotations

import codecs
import errno
import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any, Iterator

import orjson

from actorstance.errors import InputError, Problem, ProblemsError
from actorstance.problems import ProblemList, json_path

#: Largest JSON file read whole (annotation files, splits, corpus, SEESAW files, lexicons, cards).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Largest line of a JSON lines file (one prediction, one pair row).
MAX_LINE_BYTES = 1024 * 1024
#: Deepest nesting of arrays and objects accepted (our formats need fewer than 10 levels).
MAX_DEPTH = 64

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32 LE"), (codecs.BOM_UTF32_BE, "UTF-32 BE"),
    (codecs.BOM_UTF8, "UTF-8"), (codecs.BOM_UTF16_LE, "UTF-16 LE"), (codecs.BOM_UTF16_BE, "UTF-16 BE"),
)
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def read_bytes(path: str | Path, *, what: str = "file", fix: str = "check the path",
               max_bytes: int = MAX_FILE_BYTES, error: type[ProblemsError] = InputError) -> bytes:
    """The bytes of the regular file ``path``; any file-system problem raises ``error`` located at it.

    ``what`` names the input in messages ("annotation file"), ``fix`` says how to get a right path.
    """
    where = str(path)
    try:
        info = os.stat(path)
    except OSError as err:
        raise error([Problem(where, "", _os_message(err, what), _os_fix(err, fix))]) from None
    if stat.S_ISDIR(info.st_mode):
        raise error([Problem(where, "", f"is a folder, not {_a(what)}", fix)])
    if not stat.S_ISREG(info.st_mode):
        raise error([Problem(where, "", f"is not a regular file (a device, socket or pipe), not {_a(what)}", fix)])
    if info.st_size > max_bytes:
        raise error([Problem(where, "", f"is {info.st_size:,} bytes, more than the {max_bytes:,} bytes {_a(what)} may "
                             "have", "check that this is the right file; split it if it really is this large")])
    try:
        with open(path, "rb", buffering=0) as fh:
            data = _read_to_end(fh, info.st_size, max_bytes)
    except OSError as err:
        raise error([Problem(where, "", _os_message(err, what), _os_fix(err, fix))]) from None
    if len(data) > max_bytes:  # grew since stat
        raise error([Problem(where, "", f"is more than the {max_bytes:,} bytes {_a(what)} may have",
                             "check that this is the right file")])
    return data


def _read_to_end(fh, expected: int, max_bytes: int) -> bytes:
    """Everything left in the unbuffered file ``fh`` (``expected`` bytes long by ``stat``), but at
    most ``max_bytes + 1`` bytes (one more tells that the file grew past the limit).

    Asking for ``expected + 1`` bytes, not ``max_bytes + 1``: a read allocates what it is asked for,
    and a 64 MB buffer per small file was most of the time of reading a corpus.
    """
    chunk = fh.read(expected + 1)
    parts, total = [chunk], len(chunk)
    while chunk and total <= max_bytes:  # read on to the end: after a short read, or when the file grew
        # up to the expected size (then a 1-byte read that finds the end), beyond it in 64 KiB steps
        chunk = fh.read(min(max_bytes + 1 - total, expected + 1 - total if total <= expected else 1 << 16))
        parts.append(chunk)
        total += len(chunk)
    return parts[0] if len(parts) == 2 and not parts[1] else b"".join(parts)


def read_text(path: str | Path, *, what: str = "text file", fix: str = "check the path",
              max_bytes: int = MAX_FILE_BYTES, error: type[ProblemsError] = InputError) -> tuple[bytes, str]:
    """``(bytes, text)`` of a UTF-8 file, with file-system and encoding problems located."""
    data = read_bytes(path, what=what, fix=fix, max_bytes=max_bytes, error=error)
    return data, decode_utf8(data, str(path), error=error, allow_bom=True)


def read_json(path: str | Path, *, what: str = "JSON file", fix: str = "check the path",
              max_bytes: int = MAX_FILE_BYTES, max_depth: int = MAX_DEPTH,
              error: type[ProblemsError] = InputError) -> Any:
    """Parse the JSON file ``path`` with every check of this module; problems raise ``error``."""
    data = read_bytes(path, what=what, fix=fix, max_bytes=max_bytes, error=error)
    return parse_json(data, str(path), max_depth=max_depth, error=error, empty_fix=fix)


def read_json_object(path: str | Path, *, what: str = "JSON file", fix: str = "check the path",
                     error: type[ProblemsError] = InputError, **limits) -> dict:
    """:func:`read_json`, refusing anything but a JSON object at the top."""
    value = read_json(path, what=what, fix=fix, error=error, **limits)
    if not isinstance(value, dict):
        raise error([Problem(str(path), "", f"expected a JSON object {{...}}, got {json_kind(value)}",
                             f"write the {what} as one JSON object")])
    return value


def parse_json(data: bytes, where: str, *, max_depth: int = MAX_DEPTH,
               error: type[ProblemsError] = InputError, empty_fix: str = "write a JSON value into the file") -> Any:
    """Parse ``data`` (UTF-8 JSON); raise ``error`` with the located problem."""
    value = _parsed_by_orjson(data, max_depth)
    if value is not _SLOW:
        return value
    text = decode_utf8(data, where, error=error)
    if not text.strip():
        raise error([Problem(where, "", "is empty", empty_fix)])
    problem = depth_problem(text, where, max_depth)
    if problem is not None:
        raise error([problem])
    try:
        value = json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant, parse_float=_finite_float)
    except json.JSONDecodeError as err:
        raise error([Problem(f"{where}:{err.lineno}", "", f"invalid JSON: {err.msg} (column {err.colno})",
                             "fix the JSON syntax")]) from None
    except _BadNumber as err:
        raise error([Problem(where, "", str(err), "write finite numbers only (JSON has no NaN or Infinity)")]) from None
    except (ValueError, RecursionError) as err:  # e.g. an integer with thousands of digits
        raise error([Problem(where, "", f"invalid JSON value ({str(err).splitlines()[0]})",
                             "fix the value")]) from None
    problems = list(_structure_problems(value, where, check_surrogates=bool(_SURROGATE_ESCAPE.search(text))))
    if problems:
        raise error(problems)
    return value


_SLOW = object()
_ESCAPE = re.compile(rb"\\.", re.DOTALL)  # a backslash escape inside a JSON string (\uXXXX: its first two bytes)
_SURROGATE_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")


def _parsed_by_orjson(data: bytes, max_depth: int) -> Any:
    """orjson's value of ``data`` when it is exactly what the checked parse below would return
    without a problem; ``_SLOW`` when that is not certain (then the checked parse decides).

    The checked parse (``json`` with an object hook) is about 20 times slower, which a file of a
    million prediction lines feels. orjson already refuses invalid UTF-8, NaN/Infinity and lone
    surrogates; what it cannot see is a duplicate key (it keeps the last value), so the keys in
    the text (the ``:`` left once the strings are cut out) are counted and must equal the keys of the value.
    """
    if (isinstance(data, str) or data.count(b"[") + data.count(b"{") > max_depth
            or _SURROGATE_ESCAPE_BYTES.search(data)):
        return _SLOW
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return _SLOW
    keys, stack = 0, [value]
    while stack:
        item = stack.pop()
        if type(item) is dict:
            keys += len(item)
            for child in item.values():
                kind = type(child)
                if kind is dict or kind is list:
                    stack.append(child)
                elif kind is float and not math.isfinite(child):
                    return _SLOW
        elif type(item) is list:
            stack.extend(item)
        elif type(item) is float and not math.isfinite(item):
            return _SLOW
    if not _keys_all_distinct(data, keys):
        return _SLOW
    return value


def _keys_all_distinct(data: bytes, keys: int) -> bool:
    """Whether the valid JSON ``data``, whose value has ``keys`` keys, writes no key twice in one object.

    Each key written is followed by a ``:`` (after optional whitespace), and there are never fewer
    of those than ``keys``: as many when no key is repeated. When every ``:`` of ``data`` follows a
    quote at once, the count of ``":`` holds all of them (and maybe a ``":`` inside a string), so
    that count equal to ``keys`` proves it: two C counts. Otherwise the exact count.
    """
    quoted = data.count(b'":')
    if quoted == keys and data.count(b":") == quoted:
        return True
    return _written_keys(data) == keys


def _written_keys(data: bytes) -> int:
    """How many keys the valid JSON ``data`` writes: its ``:`` outside strings (each follows a key).

    Valid JSON has backslashes only inside strings, each starting an escape; with the escapes cut
    out, the quotes alternate between opening and closing a string, so every second piece of a
    split at the quotes lies outside the strings (a ``bytes`` split and count run in C; a regular
    expression over every string was three times slower).
    """
    if b"\\" in data:
        data = _ESCAPE.sub(b"", data)
    return b"".join(data.split(b'"')[::2]).count(b":")


def iter_jsonl(path: str | Path, problems: ProblemList, *, what: str = "JSON lines file",
               fix: str = "check the path", max_line_bytes: int = MAX_LINE_BYTES,
               max_depth: int = MAX_DEPTH) -> Iterator[tuple[int, Any]]:
    """Yield ``(line_number, value)`` for every non-blank, well-formed line, streaming.

    Problems of a line (too long, not UTF-8, invalid JSON, duplicate keys...) go to ``problems``
    located as ``FILE:LINE``; a file that cannot be opened is one problem and yields nothing.
    Memory stays bounded by one line plus the capped ``problems``.
    """
    where = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            problems.add(Problem(where, "", f"is a folder, not {_a(what)}", fix))
            return
        if not stat.S_ISREG(info.st_mode):
            problems.add(Problem(where, "", f"is not a regular file (a device, socket or pipe), not {_a(what)}", fix))
            return
        fh = open(path, "rb")
    except OSError as err:
        problems.add(Problem(where, "", _os_message(err, what), _os_fix(err, fix)))
        return
    with fh:
        number = 0
        while True:
            try:
                line = fh.readline(max_line_bytes + 1)
            except OSError as err:
                problems.add(Problem(where, "", _os_message(err, what), _os_fix(err, fix)))
                return
            if not line:
                return
            number += 1
            if len(line) > max_line_bytes and not line.endswith(b"\n"):
                problems.add(Problem(f"{where}:{number}", "", f"line longer than {max_line_bytes:,} bytes",
                                     "write one JSON object per line"))
                while line and not line.endswith(b"\n"):  # skip the rest of the line without keeping it
                    line = fh.readline(max_line_bytes + 1)
                continue
            if number == 1:
                bom = _bom(line)
                if bom:
                    problems.add(Problem(f"{where}:1", "", f"starts with a {bom} byte-order mark",
                                         "save the file as UTF-8 without a byte-order mark"))
                    continue
            if not line.strip():
                continue
            try:
                yield number, parse_json(line, f"{where}:{number}", max_depth=max_depth)
            except InputError as err:
                problems.extend(_relocate_line(p, where, number) for p in err.problems)


def decode_utf8(data: bytes, where: str, *, error: type[ProblemsError] = InputError, allow_bom: bool = False) -> str:
    """``data`` as UTF-8; a byte-order mark (unless ``allow_bom``) or invalid byte is a located problem."""
    bom = _bom(data)
    if bom and not (allow_bom and bom == "UTF-8"):
        fix = "save the file as UTF-8 without a byte-order mark" if bom == "UTF-8" else f"convert the file from {bom} to UTF-8"
        raise error([Problem(where, "", f"starts with a {bom} byte-order mark", fix)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        hint = " (it looks like UTF-16 or UTF-32)" if b"\x00" in data[:64] else ""
        raise error([Problem(f"{where}:{line}", "", f"not UTF-8{hint}: {err.reason} at byte {err.start} (column "
                             f"{column})", "save the file as UTF-8")]) from None


def depth_problem(text: str, where: str, max_depth: int = MAX_DEPTH) -> Problem | None:
    """A problem when ``text`` nests arrays/objects deeper than ``max_depth`` (checked without recursion)."""
    if text.count("[") + text.count("{") <= max_depth:
        return None
    depth = 0
    for token in _TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > max_depth:
                line = text.count("\n", 0, token.start()) + 1
                return Problem(f"{where}:{line}", "", f"nested more than {max_depth} levels deep",
                               "this is not a file of this format; check that it is the right file")
        elif char in "]}":
            depth -= 1
    return None


def json_kind(value: Any) -> str:
    """What a JSON value is, in JSON's words: ``an array``, ``a string``..."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def describe_os_error(err: OSError, what: str = "file") -> str:
    """An ``OSError`` in words (no errno numbers, no Python class names)."""
    return _os_message(err, what)


class _Duplicates(dict):
    """A JSON object in which some key appeared more than once (``counts``: key → times)."""

    counts: dict[str, int]


def _object(pairs: list[tuple[str, Any]]) -> dict:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    dup = _Duplicates(obj)
    counts: dict[str, int] = {}
    for key, _ in pairs:
        counts[key] = counts.get(key, 0) + 1
    dup.counts = {key: n for key, n in counts.items() if n > 1}
    return dup


class _BadNumber(ValueError):
    pass


def _no_constant(name: str):
    raise _BadNumber(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(f"number {text[:40]} is too large for a float")
    return value


def _structure_problems(value: Any, where: str, *, check_surrogates: bool) -> Iterator[Problem]:
    # iterative walk (the depth is already bounded, but recursion is not needed)
    stack: list[tuple[tuple, Any]] = [((), value)]
    while stack:
        loc, item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item, _Duplicates):
                for key, n in sorted(item.counts.items()):
                    yield Problem(where, json_path((*loc, key)), f"key {key!r} appears {n} times in this object, so "
                                  "one value would be silently dropped", f"keep exactly one {key!r}")
            for key, child in item.items():
                if check_surrogates and not _encodable(key):
                    yield Problem(where, json_path(loc), "a key holds a lone surrogate escape (\\ud800-\\udfff)",
                                  "escape characters outside the BMP as a surrogate pair, or write them as UTF-8")
                stack.append(((*loc, key), child))
        elif isinstance(item, list):
            stack.extend(((*loc, i), child) for i, child in enumerate(item))
        elif check_surrogates and isinstance(item, str) and not _encodable(item):
            yield Problem(where, json_path(loc), "the string holds a lone surrogate escape (\\ud800-\\udfff)",
                          "escape characters outside the BMP as a surrogate pair, or write them as UTF-8")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bom(data: bytes) -> str | None:
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name
    return None


def _relocate_line(problem: Problem, where: str, number: int) -> Problem:
    # parse_json locates a multi-line value by its own line; a JSON lines value is one line
    fix = "write one JSON value per line (JSON lines)" if problem.message.startswith("invalid JSON") else problem.fix
    return Problem(f"{where}:{number}", problem.path, problem.message, fix)


def _a(what: str) -> str:
    return f"{'an' if what[:1].lower() in 'aeiou' else 'a'} {what}"


def _os_message(err: OSError, what: str) -> str:
    code = err.errno
    if code == errno.ENOENT:
        return f"no such {what}"
    if code == errno.ELOOP:
        return "is a symbolic link that loops (too many levels of symbolic links)"
    if code in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    if code == errno.ENOTDIR:
        return "a part of the path is a file, not a folder"
    if code == errno.EISDIR:
        return f"is a folder, not {_a(what)}"
    if code == errno.ENAMETOOLONG:
        return "the path is too long for the file system"
    return f"cannot be read ({err.strerror or err})"


def _os_fix(err: OSError, fix: str) -> str:
    if err.errno in (errno.EACCES, errno.EPERM):
        return "give yourself read permission (chmod u+r) or pass another path"
    if err.errno == errno.ELOOP:
        return "point the link at a real file, or pass the file itself"
    return fix
