"""The bulk reader of plain predictions lines: where it answers, it answers what the strict reader does."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import actorstance.evaluation.predictions as predictions_module
from actorstance.errors import PredictionsError
from actorstance.evaluation.plain_lines import plain_line_pattern, read_plain_lines
from actorstance.evaluation.predictions import read_predictions
from actorstance.labels import STANCE_LABELS

IDS = ("d1/a->b", "d1/b->a", "d2/c->d")


def _read(path, ids, *, bulk: bool, monkeypatch):
    """``read_predictions``'s result (or its problems), with or without the bulk reader."""
    with monkeypatch.context() as patch:
        if not bulk:
            patch.setattr(predictions_module, "_plain_predictions", lambda *args: None)
        try:
            return read_predictions(path, ids=ids, labels=STANCE_LABELS, split="split 'test'")
        except PredictionsError as err:
            return [str(p) for p in err.problems]


def test_plain_lines_are_read_in_bulk(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(b'{"id": "d1/a->b", "label": "positive"}\n{"id":"d2/c->d","label":null}\r\n'
                     b'\t{ "id" : "d1/b->a" , "label" : "neutral" } ')  # no newline at the end
    plain = read_plain_lines(path, STANCE_LABELS)
    assert plain.ids == ("d1/a->b", "d2/c->d", "d1/b->a")
    assert plain.labels == ("positive", None, "neutral")
    import hashlib
    assert plain.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("content", [
    b"",  # nothing to read in bulk: the strict reader reports the missing pairs
    b'{"id": "d1/a->b", "label": "positive"}\n\n',  # a blank line
    b'\xef\xbb\xbf{"id": "d1/a->b", "label": "positive"}\n',  # a byte-order mark
    b'{"label": "positive", "id": "d1/a->b"}\n',  # another key order
    b'{"id": "d1/a->b", "label": "positive", "scores": {"positive": 1}}\n',
    b'{"id": "d1/a->b", "id": "d1/b->a", "label": "positive"}\n',  # a duplicate key
    b'{"id": "d1\\/a->b", "label": "positive"}\n',  # an escape
    b'{"id": "\\ud800", "label": "positive"}\n',  # a lone surrogate escape
    b'{"id": "caf\xe9", "label": "positive"}\n',  # not UTF-8
    b'{"id": "d1/a->b", "label": "favour"}\n',  # not a label of the config
    b'{"id": "d1/a->b", "label": "Positive"}\n',
    b'{"id": "tab\there", "label": "positive"}\n',  # a control character inside a string
    b'{"id": "d1/a->b", "label": "positive"}\r{"id": "d1/b->a", "label": "positive"}\n',  # CR alone
    b'{"id": "' + b"a" * 5000 + b'", "label": "positive"}\n',  # an id longer than the bulk reader takes
])
def test_anything_but_plain_lines_is_left_to_the_strict_reader(tmp_path, content):
    path = tmp_path / "p.jsonl"
    path.write_bytes(content)
    assert read_plain_lines(path, STANCE_LABELS) is None


def test_files_it_cannot_read_are_left_to_the_strict_reader(tmp_path):
    assert read_plain_lines(tmp_path / "missing.jsonl", STANCE_LABELS) is None
    assert read_plain_lines(tmp_path, STANCE_LABELS) is None


def test_labels_that_json_would_escape_have_no_pattern():
    assert plain_line_pattern(['say "yes"', "no"]) is None
    assert plain_line_pattern(["a\\b"]) is None
    assert plain_line_pattern([]) is None


def test_a_file_larger_than_one_block_is_read_whole(tmp_path, monkeypatch):
    import actorstance.evaluation.plain_lines as plain_lines

    monkeypatch.setattr(plain_lines, "_BLOCK", 50)  # lines cut across blocks
    ids = [f"doc{i:03d}/x->y" for i in range(200)]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(f'{{"id": "{i}", "label": "negative"}}\n' for i in ids), encoding="utf-8")
    plain = read_plain_lines(path, STANCE_LABELS)
    assert plain.ids == tuple(ids) and plain.labels == ("negative",) * 200


def test_ids_in_another_order_than_the_split_are_put_in_split_order(tmp_path, monkeypatch):
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "d2/c->d", "label": "negative"}\n{"id": "d1/a->b", "label": null}\n'
                    '{"id": "d1/b->a", "label": "positive"}\n', encoding="utf-8")
    bulk = _read(path, IDS, bulk=True, monkeypatch=monkeypatch)
    assert bulk.labels == (None, "positive", "negative") and bulk.ids == IDS
    assert bulk == _read(path, IDS, bulk=False, monkeypatch=monkeypatch)


_ID = st.sampled_from([*IDS, "other/x->y", "d1\\/a->b", "caf\u00e9/\u00e9->b", "", "d1/a->b\u2028"])
_LABEL = st.sampled_from(['"positive"', '"negative"', '"neutral"', "null", '"none"', '"favour"', "7", '"Positive"'])
_SPACE = st.sampled_from(["", " ", "\t", "  "])


@st.composite
def _line(draw) -> str:
    s = [draw(_SPACE) for _ in range(6)]
    fields = [f'"id"{s[0]}:{s[1]}"{draw(_ID)}"', f'"label"{s[2]}:{s[3]}{draw(_LABEL)}']
    if draw(st.booleans()):
        fields.reverse()
    extra = draw(st.sampled_from(["", ', "scores": {"positive": 1}', ', "id": "d1/b->a"', ', "x": 1']))
    return f"{s[4]}{{{s[5]}{', '.join(fields)}{extra}}}" + draw(st.sampled_from(["", "\r", " "]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(_line(), st.sampled_from(["", "[1]", "{", "\ufeff{}"])), max_size=6),
       plain_lines=st.lists(st.sampled_from([f'{{"id": "{i}", "label": "neutral"}}' for i in IDS]), max_size=4),
       final_newline=st.booleans())
def test_the_bulk_reader_never_changes_a_result_or_a_message(tmp_path, monkeypatch, lines, plain_lines, final_newline):
    path = tmp_path / "p.jsonl"
    text = "\n".join(plain_lines + lines) + ("\n" if final_newline else "")
    path.write_text(text, encoding="utf-8")
    assert _read(path, IDS, bulk=True, monkeypatch=monkeypatch) == _read(path, IDS, bulk=False, monkeypatch=monkeypatch)
