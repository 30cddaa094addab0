"""Every JSON and JSONL input, thrown every malformation: a located message with a fix, exit 1,
no traceback, nothing changed (issue 11, "one input mechanism")."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.adversarial.conftest import Case, check

#: input kind → (file under the workspace, the command that reads it)
JSON_INPUTS = {
    "annotation": ("ann/doc_a.json", lambda ws: ["validate", ws / "ann"]),
    "annotation-convert": ("ann/doc_b.json", lambda ws: ["convert", ws / "ann", "--output", ws / "out.jsonl"]),
    "splits": ("ann/splits.json", lambda ws: ["build", "--annotations", ws / "ann", "--output", ws / "out"]),
    "corpus": ("ann/corpus.json", lambda ws: ["build", "--annotations", ws / "ann", "--output", ws / "out"]),
    "seesaw-annotations": ("sm/SEESAW/annotations/TRIPLET_900_DOCUMENT_0.json",
                           lambda ws: ["import", "seesaw", ws / "sm", "--output", ws / "out"]),
    "seesaw-article": ("sm/SEESAW/articles/TRIPLET_901_DOCUMENT_0.json",
                       lambda ws: ["import", "seesaw", ws / "sm", "--output", ws / "out"]),
    "seesaw-meta": ("sm/SEESAW/meta/TRIPLET_900.json", lambda ws: ["import", "seesaw", ws / "sm", "--output", ws / "out"]),
    "manifest": ("ds/MANIFEST.json", lambda ws: ["evaluate", "--dataset", ws / "ds", "--predictions", ws / "p.jsonl",
                                                 "--bootstrap", "0"]),
}


def _prefix(extra: bytes):
    """Put ``extra`` members first in the file's top-level object."""
    def change(data: bytes) -> bytes:
        assert data.lstrip().startswith(b"{")
        return b"{" + extra + b", " + data.lstrip()[1:]
    return change


#: malformation → (change of the file's bytes, or a file-system action; expected fragment)
CONTENT = {
    "deep-nesting": (lambda data: b"[" * 5000 + b"]" * 5000, "nested more than 64 levels deep"),
    "duplicate-key": (_prefix(b'"zz": 1, "zz": 2'), "key 'zz' appears 2 times"),
    "utf8-bom": (lambda data: b"\xef\xbb\xbf" + data, "starts with a UTF-8 byte-order mark"),
    "utf16": (lambda data: data.decode("utf-8").encode("utf-16"), "UTF-16 LE byte-order mark"),
    "invalid-utf8": (_prefix(b'"zz": "caf\xe9"'), "not UTF-8"),
    "nan": (_prefix(b'"zz": NaN'), "NaN is not a JSON number"),
    "infinity": (_prefix(b'"zz": -Infinity'), "-Infinity is not a JSON number"),
    "float-overflow": (_prefix(b'"zz": 1e999'), "too large for a float"),
    "huge-integer": (_prefix(b'"zz": ' + b"9" * 5000), "invalid JSON value"),
    "lone-surrogate": (_prefix(b'"zz": "\\udc80"'), "lone surrogate"),
    "empty": (lambda data: b"", "is empty"),
    "whitespace-only": (lambda data: b"  \n\t\n", "is empty"),
    "top-level-array": (lambda data: b"[1, 2]", "expected a JSON object"),
    "top-level-string": (lambda data: b'"hello"', "expected a JSON object"),
    "truncated": (lambda data: data[: len(data) // 2], "invalid JSON"),
    "trailing-garbage": (lambda data: data + b"\n}}", "invalid JSON"),
}
FILESYSTEM = {
    "folder": "is a folder",
    "symlink-loop": "loops",
    "fifo": "not a regular file",
    "dangling-symlink": "no such",
}
#: what a kind says instead of the generic fragment
OVERRIDES = {
    ("manifest", "top-level-array"): "expected an object with a 'files' mapping",
    ("manifest", "top-level-string"): "expected an object with a 'files' mapping",
    ("seesaw-article", "dangling-symlink"): "no such SEESAW file",
}


def _apply_fs(path: Path, action: str) -> None:
    path.unlink()
    if action == "folder":
        path.mkdir()
        (path / "inside.json").write_text("{}", encoding="utf-8")
    elif action == "symlink-loop":
        os.symlink(path.name, path)
    elif action == "fifo":
        os.mkfifo(path)
    elif action == "dangling-symlink":
        os.symlink("does-not-exist.json", path)


def _json_case(kind: str, malformation: str) -> Case:
    rel, command = JSON_INPUTS[kind]

    def setup(ws: Path) -> list:
        path = ws / rel
        if malformation in CONTENT:
            path.write_bytes(CONTENT[malformation][0](path.read_bytes()))
        else:
            _apply_fs(path, malformation)
        return command(ws)

    fragment = OVERRIDES.get((kind, malformation)) or (
        CONTENT[malformation][1] if malformation in CONTENT else FILESYSTEM[malformation])
    return Case(f"{kind}-{malformation}", setup, 1, ("{ws}/" + rel, fragment))


JSON_CASES = [_json_case(kind, m) for kind in JSON_INPUTS for m in [*CONTENT, *FILESYSTEM]
              if not (kind == "manifest" and m == "dangling-symlink")]


@pytest.mark.parametrize("case", JSON_CASES, ids=lambda c: c.id)
def test_every_json_input_refuses_every_malformation(case, ws, monkeypatch):
    check(case, ws, monkeypatch)


# --- predictions (JSON lines, streamed) ---------------------------------------------------------

def _lines(*lines: bytes, keep: bool = True):
    """p.jsonl with ``lines`` appended (or replacing it)."""
    def setup(ws: Path) -> list:
        path = ws / "p.jsonl"
        data = path.read_bytes() if keep else b""
        path.write_bytes(data + b"".join(line + b"\n" for line in lines))
        return ["evaluate", "--dataset", ws / "ds", "--predictions", ws / "p.jsonl", "--bootstrap", "0"]
    return setup


def _whole(change):
    def setup(ws: Path) -> list:
        path = ws / "p.jsonl"
        path.write_bytes(change(path.read_bytes()))
        return ["evaluate", "--dataset", ws / "ds", "--predictions", ws / "p.jsonl", "--bootstrap", "0"]
    return setup


def _fs(action):
    def setup(ws: Path) -> list:
        _apply_fs(ws / "p.jsonl", action)
        return ["evaluate", "--dataset", ws / "ds", "--predictions", ws / "p.jsonl", "--bootstrap", "0"]
    return setup


def _many_garbage_lines(ws: Path) -> list:
    (ws / "p.jsonl").write_bytes(b"\x00garbage{[\n" * 20_000)
    return ["evaluate", "--dataset", ws / "ds", "--predictions", ws / "p.jsonl", "--bootstrap", "0"]


def _few_lines(ws: Path, output: str) -> None:
    assert len(output.splitlines()) <= 110, "problems are capped"


PREDICTIONS_CASES = [
    Case("predictions-deep-line", _lines(b"[" * 3000 + b"]" * 3000), 1, ("{ws}/p.jsonl:3", "nested more than")),
    Case("predictions-duplicate-key", _lines(b'{"id": "x", "id": "y", "label": null}'), 1,
         ("{ws}/p.jsonl:3", "key 'id' appears 2 times")),
    Case("predictions-utf8-bom", _whole(lambda d: b"\xef\xbb\xbf" + d), 1, ("{ws}/p.jsonl:1", "UTF-8 byte-order mark")),
    Case("predictions-utf16", _whole(lambda d: d.decode().encode("utf-16")), 1, ("{ws}/p.jsonl:1", "UTF-16 LE")),
    Case("predictions-invalid-utf8", _lines(b'{"id": "caf\xe9", "label": null}'), 1, ("{ws}/p.jsonl:3", "not UTF-8")),
    Case("predictions-nan-score", _lines(b'{"id": "x", "label": null, "scores": {"positive": NaN}}'), 1,
         ("{ws}/p.jsonl:3", "NaN is not a JSON number")),
    Case("predictions-float-overflow", _lines(b'{"id": "x", "label": null, "scores": {"positive": 1e400}}'), 1,
         ("{ws}/p.jsonl:3", "too large for a float")),
    Case("predictions-huge-integer", _lines(b'{"id": ' + b"1" * 5000 + b"}"), 1, ("{ws}/p.jsonl:3", "invalid JSON value")),
    Case("predictions-lone-surrogate", _lines(b'{"id": "\\ud800", "label": null}'), 1, ("{ws}/p.jsonl:3", "lone surrogate")),
    Case("predictions-empty-file", _lines(keep=False), 1, ("{ws}/p.jsonl", "have no prediction")),
    Case("predictions-array-line", _lines(b'["id", "label"]'), 1, ("{ws}/p.jsonl:3", "expected a JSON object")),
    Case("predictions-syntax", _lines(b'{"id": "x", "label": }'), 1, ("{ws}/p.jsonl:3", "invalid JSON")),
    Case("predictions-nul-bytes", _lines(b"\x00\x00\x00"), 1, ("{ws}/p.jsonl:3", "invalid JSON")),
    Case("predictions-long-line", _lines(b'{"id": "' + b"a" * 1_500_000 + b'"}'), 1,
         ("{ws}/p.jsonl:3", "line longer than 1,048,576 bytes")),
    Case("predictions-garbage-is-capped", _many_garbage_lines, 1,
         ("{ws}/p.jsonl:1", "more problems; fix these first"), after=_few_lines),
    Case("predictions-folder", _fs("folder"), 2, ("'--predictions'", "is a directory")),
    Case("predictions-symlink-loop", _fs("symlink-loop"), 1, ("{ws}/p.jsonl", "loops")),
    Case("predictions-fifo", _fs("fifo"), 1, ("{ws}/p.jsonl", "not a regular file")),
    Case("predictions-dangling-symlink", _fs("dangling-symlink"), 1, ("{ws}/p.jsonl", "no such predictions file")),
    Case("predictions-unknown-key", _lines(b'{"id": "x", "label": null, "score": 1}'), 1,
         ("{ws}/p.jsonl:3", "unexpected key")),
    Case("predictions-bool-score", _lines(b'{"id": "x", "label": null, "scores": {"positive": true}}'), 1,
         ("{ws}/p.jsonl:3", "expected a finite number")),
]


@pytest.mark.parametrize("case", PREDICTIONS_CASES, ids=lambda c: c.id)
def test_predictions_files_refuse_every_malformation(case, ws, monkeypatch):
    check(case, ws, monkeypatch)


# --- texts, cards and parquet --------------------------------------------------------------------

def _text(action):
    def setup(ws: Path) -> list:
        path = ws / "ann" / "doc_a.txt"
        if action == "invalid-utf8":
            path.write_bytes(path.read_bytes() + b"\xff")
        else:
            _apply_fs(path, action)
        return ["validate", ws / "ann"]
    return setup


def _card(change):
    def setup(ws: Path) -> list:
        path = ws / "ds" / "README.md"
        path.write_bytes(change(path.read_bytes()))
        (ws / "ds" / "MANIFEST.json").unlink()  # a hand-edited folder: no manifest to catch it
        return ["evaluate", "--dataset", ws / "ds", "--predictions", ws / "p.jsonl", "--bootstrap", "0"]
    return setup


def _parquet(change):
    def setup(ws: Path) -> list:
        (ws / "ds" / "MANIFEST.json").unlink()
        for path in sorted((ws / "ds" / "pairs").glob("test-*.parquet")):
            path.write_bytes(change(path.read_bytes()))
        return ["evaluate", "--dataset", ws / "ds", "--predictions", ws / "p.jsonl", "--bootstrap", "0"]
    return setup


def _outside_parquet(ws: Path) -> list:
    (ws / "ds" / "MANIFEST.json").unlink()
    elsewhere = ws / "elsewhere"
    shutil.copytree(ws / "ds" / "pairs", elsewhere)
    card = ws / "ds" / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("path: pairs/test-", f"path: {elsewhere}/test-"),
                    encoding="utf-8")
    return ["evaluate", "--dataset", ws / "ds", "--predictions", ws / "p.jsonl", "--bootstrap", "0"]


def _linked_parquet(ws: Path) -> list:
    (ws / "ds" / "MANIFEST.json").unlink()
    for path in sorted((ws / "ds" / "pairs").glob("test-*.parquet")):
        shutil.copy(path, ws / path.name)
        path.unlink()
        os.symlink(ws / path.name, path)
    return ["evaluate", "--dataset", ws / "ds", "--predictions", ws / "p.jsonl", "--bootstrap", "0"]


OTHER_CASES = [
    *(Case(f"text-{action}", _text(action), 1, ("{ws}/ann/doc_a.json: text.path", fragment))
      for action, fragment in [("folder", "is a folder"), ("symlink-loop", "loops"), ("fifo", "not a regular file"),
                               ("dangling-symlink", "no such text file"), ("invalid-utf8", "not UTF-8")]),
    Case("card-absolute-data-files", _outside_parquet, 1, ("{ws}/ds/README.md", "is not a path inside the dataset")),
    Case("card-parent-data-files", _card(lambda d: d.replace(b"path: pairs/test-", b"path: ../x/test-")), 1,
         ("{ws}/ds/README.md", "is not a path inside the dataset")),
    Case("card-home-data-files", _card(lambda d: d.replace(b"path: pairs/test-", b"path: ~/x/test-")), 1,
         ("{ws}/ds/README.md", "is not a path inside the dataset")),
    Case("card-parquet-symlinked-outside", _linked_parquet, 1, ("{ws}/ds/pairs/test-", "outside the dataset folder")),
    Case("card-not-utf8", _card(lambda d: d.replace(b"pretty_name", b"pretty\xff_name", 1)), 1,
         ("{ws}/ds/README.md", "not UTF-8")),
    Case("card-no-yaml", _card(lambda d: d.split(b"\n---\n", 1)[1]), 1, ("{ws}/ds/README.md", "no YAML metadata")),
    Case("card-bad-yaml", _card(lambda d: d.replace(b"configs:", b"configs: [", 1)), 1,
         ("{ws}/ds/README.md", "YAML")),
    Case("parquet-corrupt", _parquet(lambda d: d[:100] + b"\x00" * 50 + d[150:]), 1,
         ("{ws}/ds/pairs/test-", "not a readable parquet file")),
    Case("parquet-truncated", _parquet(lambda d: d[: len(d) // 3]), 1, ("{ws}/ds/pairs/test-", "not a readable parquet")),
    Case("parquet-not-parquet", _parquet(lambda d: b"PAR1 this is text"), 1, ("{ws}/ds/pairs/test-", "not a readable")),
    Case("dataset-is-a-file", lambda ws: ["evaluate", "--dataset", ws / "blocker", "--predictions", ws / "p.jsonl"], 2,
         ("--dataset",)),
    Case("dataset-missing", lambda ws: ["evaluate", "--dataset", ws / "nope", "--predictions", ws / "p.jsonl"], 1,
         ("{ws}/nope", "does not exist")),
    Case("annotations-path-missing", lambda ws: ["validate", ws / "nope.json"], 1, ("{ws}/nope.json", "no such")),
    Case("publish-offline", lambda ws: ["publish", "--repo-id", "my-org/my-data", "--dataset", ws / "ds"], 1,
         ("my-org/my-data",), env={"HF_HUB_OFFLINE": "1", "HF_TOKEN": "hf_invented"}),
]


@pytest.mark.parametrize("case", OTHER_CASES, ids=lambda c: c.id)
def test_texts_cards_parquet_and_paths(case, ws, monkeypatch):
    check(case, ws, monkeypatch)


# --- odd SEESAW keys, digits and names (issue 11: tracebacks) -----------------------------------

SEESAW_ANNOTATIONS = "sm/SEESAW/annotations/TRIPLET_900_DOCUMENT_0.json"


def _seesaw(change):
    def setup(ws: Path) -> list:
        path = ws / SEESAW_ANNOTATIONS
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return ["import", "seesaw", ws / "sm", "--output", ws / "out"]
    return setup


def _rekey(new):
    def change(data):
        stances = data["sentence-level stances"]
        stances[new] = stances.pop("3")
    return change


SEESAW_CASES = [
    *(Case(f"seesaw-sentence-key-{name}", _seesaw(_rekey(key)), 1, ("{ws}/" + SEESAW_ANNOTATIONS, "no sentence"))
      for name, key in [("letters", "abc"), ("negative", "-1"), ("5000-digits", "9" * 5000),
                        ("arabic-indic-digit", "\u0663"), ("leading-zero", "03"), ("space", " 3"),
                        ("out-of-range", "999"), ("empty", "")]),
    Case("seesaw-sentiment-odd", _seesaw(lambda d: d["sentence-level stances"]["3"][0].update(sentiment="MEH")), 1,
         ("{ws}/" + SEESAW_ANNOTATIONS, 'expected "POS" or "NEG"')),
    Case("seesaw-id-bool", _seesaw(lambda d: d["sentence-level stances"]["3"][0].update(id=True)), 1,
         ("expected an integer, got true",)),
    Case("seesaw-annotators-number", _seesaw(lambda d: d["sentence-level stances"]["3"][0].update(annotators=5)), 1,
         ("expected a non-empty list of annotators",)),
    Case("seesaw-entity-name-not-a-string", _seesaw(lambda d: d["entity lists"][0].__setitem__(0, ["x"])), 1,
         ("{ws}/" + SEESAW_ANNOTATIONS,)),
]


@pytest.mark.parametrize("case", SEESAW_CASES, ids=lambda c: c.id)
def test_odd_seesaw_keys_digits_and_names(case, ws, monkeypatch):
    output = check(case, ws, monkeypatch)
    assert max(len(line) for line in output.splitlines()) < 2000, "a hostile key must not flood the message"
