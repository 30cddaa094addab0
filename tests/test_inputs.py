"""The one JSON/JSONL input mechanism: every problem located, never a traceback."""

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actorstance.errors import InputError, Problem
from actorstance.inputs import MAX_DEPTH, iter_jsonl, parse_json, read_bytes, read_json, read_json_object
from actorstance.problems import ProblemList


def problem(call) -> Problem:
    with pytest.raises(InputError) as info:
        call()
    assert len(info.value.problems) == 1, info.value.problems
    return info.value.problems[0]


def test_reads_an_object(tmp_path):
    (tmp_path / "a.json").write_text('{"a": [1, 2.5, "x", null, true]}', encoding="utf-8")
    assert read_json_object(tmp_path / "a.json") == {"a": [1, 2.5, "x", None, True]}


@pytest.mark.parametrize("text, path, message", [
    ('{"a": 1, "a": 2}', "a", "key 'a' appears 2 times"),
    ('{"s": [{"label": "positive", "label": "negative"}]}', "s[0].label", "key 'label' appears 2 times"),
    ('{"x y": {"k": 1, "k": 1, "k": 3}}', '["x y"].k', "key 'k' appears 3 times"),
])
def test_duplicate_keys_are_refused_at_their_path(tmp_path, text, path, message):
    (tmp_path / "d.json").write_text(text, encoding="utf-8")
    p = problem(lambda: read_json(tmp_path / "d.json"))
    assert (p.path, p.message.split(" in this")[0]) == (path, message)


@pytest.mark.parametrize("text, path", [
    ('{"a": "x:y", "a": 2}', "a"),  # a ':' inside a string is not a key's
    ('{"q\\":": 1, "q\\":": 2}', '["q\\":"]'),  # an escaped quote does not end a string
    ('{"b": "\\\\", "b": "\\"x:"}', "b"),  # an escaped backslash does, before the quote
    ('{"u": "\\u0022:", "u" : 1}', "u"),  # a \u escape; whitespace before the ':'
])
def test_duplicate_keys_are_found_among_colons_quotes_and_escapes_in_strings(text, path):
    p = problem(lambda: parse_json(text.encode(), "d.json"))
    assert (p.path, "appears 2 times" in p.message) == (path, True)


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.text(alphabet=':"\\{}[], a\n\u00e9\U0001F600', max_size=6) | st.integers() | st.booleans(),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.lists(st.tuples(st.text(alphabet=':"\\ ab', max_size=3), inner), max_size=4),
                    max_leaves=12),
       st.booleans())
def test_duplicate_keys_are_found_whatever_the_strings_hold(value, pretty):
    def render(v):  # lists of (key, value) tuples are objects, written with every key even when repeated
        if isinstance(v, list) and v and all(isinstance(i, tuple) for i in v):
            return "{" + ", ".join(f"{json.dumps(k)}{' : ' if pretty else ':'}{render(x)}" for k, x in v) + "}"
        if isinstance(v, list):
            return "[" + ",".join(render(x) for x in v) + "]"
        return json.dumps(v, ensure_ascii=pretty)

    def repeated(v):
        if isinstance(v, list) and v and all(isinstance(i, tuple) for i in v):
            keys = [k for k, _ in v]
            return len(set(keys)) < len(keys) or any(repeated(x) for _, x in v)
        return isinstance(v, list) and any(repeated(x) for x in v)

    data = render(value).encode()
    if repeated(value):
        with pytest.raises(InputError) as info:
            parse_json(data, "h.json")
        assert all("appears" in p.message for p in info.value.problems)
    else:
        assert parse_json(data, "h.json") == json.loads(data)


def test_nesting_is_limited_without_recursion():
    p = problem(lambda: parse_json(b"[" * 100_000 + b"]" * 100_000, "deep.json"))
    assert p.where == "deep.json:1" and f"more than {MAX_DEPTH} levels" in p.message
    assert parse_json(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH, "ok.json") is not None
    # brackets inside strings do not count
    assert parse_json(('["' + "[" * 500 + '"]').encode(), "s.json") == ["[" * 500]


@pytest.mark.parametrize("data, message", [
    (b"\xef\xbb\xbf{}", "starts with a UTF-8 byte-order mark"),
    (b"\xff\xfe{\x00}\x00", "starts with a UTF-16 LE byte-order mark"),
    (b"\xfe\xff\x00{\x00}", "starts with a UTF-16 BE byte-order mark"),
    (b"\xff\xfe\x00\x00{\x00\x00\x00", "starts with a UTF-32 LE byte-order mark"),
])
def test_byte_order_marks_are_named(data, message):
    assert problem(lambda: parse_json(data, "b.json")).message == message


def test_invalid_utf8_is_located_by_line_and_column():
    p = problem(lambda: parse_json(b'{\n  "a": "\xff"}', "u.json"))
    assert p.where == "u.json:2" and "not UTF-8" in p.message and "column 9" in p.message


@pytest.mark.parametrize("text, message", [
    ('{"a": NaN}', "NaN is not a JSON number"),
    ('{"a": -Infinity}', "-Infinity is not a JSON number"),
    ('{"a": 1e999}', "too large for a float"),
    ('{"a": "\\ud800"}', "lone surrogate"),
    ("", "is empty"),
    ("{\n\"a\": }", "invalid JSON"),
])
def test_values_json_does_not_have_are_refused(text, message):
    assert message in problem(lambda: parse_json(text.encode(), "v.json")).message


def test_a_huge_integer_is_a_problem_not_a_traceback():
    assert "invalid JSON value" in problem(lambda: parse_json(b"[" + b"9" * 5000 + b"]", "n.json")).message


def test_file_system_problems_are_located(tmp_path):
    assert problem(lambda: read_bytes(tmp_path / "nope.json", what="splits file")).message == "no such splits file"
    (tmp_path / "x.json").mkdir()
    assert problem(lambda: read_bytes(tmp_path / "x.json", what="annotation file")).message == \
        "is a folder, not an annotation file"
    os.symlink("loop.json", tmp_path / "loop.json")
    assert "loops" in problem(lambda: read_bytes(tmp_path / "loop.json")).message
    os.mkfifo(tmp_path / "fifo.json")
    assert "not a regular file" in problem(lambda: read_bytes(tmp_path / "fifo.json")).message
    (tmp_path / "big.json").write_bytes(b" " * 101)
    assert "more than the 100 bytes" in problem(lambda: read_bytes(tmp_path / "big.json", max_bytes=100)).message


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 200_001])
def test_read_bytes_reads_the_whole_file_and_the_limit_is_exact(tmp_path, size):
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    (tmp_path / "f").write_bytes(data)
    assert read_bytes(tmp_path / "f") == data
    assert read_bytes(tmp_path / "f", max_bytes=size) == data
    if size:
        assert "more than the" in problem(lambda: read_bytes(tmp_path / "f", max_bytes=size - 1)).message


def test_a_top_level_array_is_refused_by_read_json_object(tmp_path):
    (tmp_path / "a.json").write_text("[]", encoding="utf-8")
    assert problem(lambda: read_json_object(tmp_path / "a.json")).message == "expected a JSON object {...}, got an array"


def test_jsonl_streams_good_lines_and_locates_bad_ones(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(b'{"id": 1}\n\n{"id": 2, "id": 3}\nnot json\n' + b"[" * 100 + b"\n" + b'{"x": "' + b"a" * 200
                     + b'"}\n{"id": 4}')
    problems = ProblemList()
    rows = list(iter_jsonl(path, problems, max_line_bytes=100))
    assert rows == [(1, {"id": 1}), (7, {"id": 4})]
    assert [p.where for p in problems.kept] == [f"{path}:3", f"{path}:4", f"{path}:5", f"{path}:6"]
    assert "longer than 100 bytes" in problems.kept[-1].message


def test_jsonl_bom_and_folder(tmp_path):
    (tmp_path / "b.jsonl").write_bytes(b'\xef\xbb\xbf{"id": 1}\n{"id": 2}\n')
    problems = ProblemList()
    assert list(iter_jsonl(tmp_path / "b.jsonl", problems)) == [(2, {"id": 2})]
    assert problems.kept[0].message == "starts with a UTF-8 byte-order mark"
    problems = ProblemList()
    assert list(iter_jsonl(tmp_path, problems, what="predictions file")) == []
    assert problems.kept[0].message == "is a folder, not a predictions file"


def test_permission_denied_is_located_with_its_fix(tmp_path, monkeypatch):
    # the suite may run as root, for whom chmod 000 changes nothing: make open() refuse instead
    import builtins

    path = tmp_path / "locked.json"
    path.write_text("{}", encoding="utf-8")
    real_open = builtins.open

    def refuse(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    p = problem(lambda: read_json(path, what="splits file"))
    assert (p.message, p.fix) == ("cannot be read: permission denied",
                                  "give yourself read permission (chmod u+r) or pass another path")
    problems = ProblemList()
    assert list(iter_jsonl(path, problems)) == []
    assert problems.kept[0].message == "cannot be read: permission denied"
