"""Every command that writes, pointed at the wrong place: nothing of the user's is ever lost
(issue 11, "one output mechanism")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.adversarial.conftest import Case, check

REFUSE = "refusing to replace this folder"
INPUT = "refusing to write the output here"
CANNOT = "cannot write the output"


def _build(out):
    return lambda ws: ["build", "--annotations", ws / "ann", "--output", out(ws)]


def _import(out):
    return lambda ws: ["import", "seesaw", ws / "sm", "--output", out(ws)]


def _benchmark(out, *extra):
    return lambda ws: ["benchmark", "--dataset", ws / "ds", "--bootstrap", "0", "-q", *extra, "--output", out(ws)]


def _convert(out):
    return lambda ws: ["convert", ws / "ann", "--output", out(ws)]


def _evaluate(out):
    return lambda ws: ["evaluate", "--dataset", ws / "ds", "--predictions", ws / "p.jsonl", "--bootstrap", "0",
                       "--output", out(ws)]


def _predict(out):
    return lambda ws: ["predict", "--dataset", ws / "ds", "--model", "baseline:majority", "--output", out(ws)]


def _graph(out):
    return lambda ws: ["graph", "--dataset", ws / "ds", "--output", out(ws)]


def _with(prepare, command):
    """Run ``prepare(ws)`` (make the folder that is in the way), then ``command``."""
    def setup(ws: Path) -> list:
        prepare(ws)
        return command(ws)
    return setup


def _looks_like(*files: str):
    """A folder of the user's that merely looks like an output (the old heuristics' triggers)."""
    def prepare(ws: Path) -> None:
        for rel in files:
            (ws / "out" / rel).parent.mkdir(parents=True, exist_ok=True)
            (ws / "out" / rel).write_text("the user's own file\n", encoding="utf-8")
    return prepare


def _marker(command: str, files=("a.txt",), extra=()):
    def prepare(ws: Path) -> None:
        out = ws / "out"
        out.mkdir()
        (out / ".actorstance-output").write_text(f'{{"command": "{command}", "files": {list(files)!r}}}'.replace(
            "'", '"'), encoding="utf-8")
        for rel in (*files, *extra):
            (out / rel).write_text("x\n", encoding="utf-8")
    return prepare


def _symlink_to(target: str):
    return lambda ws: os.symlink(ws / target, ws / "out")


OUT = lambda ws: ws / "out"  # noqa: E731

OUTPUT_CASES = [
    # folders that merely look like an output of the command (issue 11: deleted with exit 0)
    Case("import-over-annotations-folder", _import(lambda ws: ws / "ann"), 1, ("{ws}/ann", REFUSE)),
    Case("import-over-json-only-folder", _with(_looks_like("gold.json", "other.json"), _import(OUT)), 1,
         ("{ws}/out", REFUSE, "no .actorstance-output marker")),
    Case("import-over-json-and-texts", _with(_looks_like("gold.json", "texts/gold.txt"), _import(OUT)), 1,
         ("{ws}/out", REFUSE)),
    Case("benchmark-over-results-json-folder", _with(_looks_like("results.json", "notes.md"), _benchmark(OUT)), 1,
         ("{ws}/out", REFUSE)),
    Case("build-over-manifest-folder", _with(_looks_like("MANIFEST.json", "thesis.tex"), _build(OUT)), 1,
         ("{ws}/out", REFUSE)),
    Case("build-over-other-commands-output", _with(_marker("benchmark"), _build(OUT)), 1,
         ("{ws}/out", "it is the output of `actorstance benchmark`")),
    Case("build-over-own-output-plus-user-file", _with(_marker("build", extra=("mine.txt",)), _build(OUT)), 1,
         ("{ws}/out", "it holds 'mine.txt', which `actorstance build` did not write")),
    Case("import-over-own-output-plus-user-folder", _with(_marker("import", extra=("notes",)), _import(OUT)), 1,
         ("{ws}/out", "it holds 'notes'")),
    Case("benchmark-over-marker-of-build", _with(_marker("build"), _benchmark(OUT)), 1,
         ("{ws}/out", "it is the output of `actorstance build`")),
    Case("build-over-garbled-marker", _with(lambda ws: ((ws / "out").mkdir(), (ws / "out" / ".actorstance-output")
                                                        .write_text("{not json", encoding="utf-8")), _build(OUT)), 1,
         ("{ws}/out", REFUSE)),
    # outputs that are, contain or lie inside an input
    Case("build-onto-annotations", _build(lambda ws: ws / "ann"), 1, ("{ws}/ann", INPUT, "is an input")),
    Case("build-onto-parent-of-annotations", _build(lambda ws: ws), 1, ("{ws}", INPUT, "contains the input")),
    Case("build-inside-annotations", _build(lambda ws: ws / "ann" / "ds"), 1, ("{ws}/ann/ds", "lies inside the input")),
    Case("build-output-dot", lambda ws: ["build", "--annotations", "ann", "--output", "."], 1,
         (INPUT, "contains the input ann"), cwd=True),
    Case("build-through-symlink-to-annotations", _with(_symlink_to("ann"), _build(OUT)), 1, ("{ws}/out", INPUT)),
    Case("build-onto-text-folder", lambda ws: ["build", "--annotations", ws / "ann2", "--output", ws / "texts"], 1,
         ("{ws}/texts", REFUSE)),
    Case("convert-onto-annotation-file", _convert(lambda ws: ws / "ann" / "doc_a.json"), 1,
         ("{ws}/ann/doc_a.json", INPUT)),
    Case("convert-onto-text-file", _convert(lambda ws: ws / "ann" / "doc_a.txt"), 1, ("{ws}/ann/doc_a.txt", INPUT)),
    Case("convert-inside-annotations", _convert(lambda ws: ws / "ann" / "pairs.jsonl"), 1,
         ("{ws}/ann/pairs.jsonl", "lies inside the input folder")),
    Case("convert-onto-a-text-elsewhere", lambda ws: ["convert", ws / "ann" / "doc_a.json", "--output",
                                                     ws / "ann" / "doc_a.txt"], 1, ("{ws}/ann/doc_a.txt", INPUT)),
    Case("evaluate-onto-predictions", _evaluate(lambda ws: ws / "p.jsonl"), 1, ("{ws}/p.jsonl", INPUT)),
    Case("evaluate-inside-dataset", _evaluate(lambda ws: ws / "ds" / "r.json"), 1, ("{ws}/ds/r.json", INPUT)),
    Case("evaluate-onto-card", _evaluate(lambda ws: ws / "ds" / "README.md"), 1, ("{ws}/ds/README.md", INPUT)),
    Case("predict-inside-dataset", _predict(lambda ws: ws / "ds" / "preds.jsonl"), 1, ("{ws}/ds/preds.jsonl", INPUT)),
    Case("graph-inside-dataset", _graph(lambda ws: ws / "ds" / "net.graphml"), 1, ("{ws}/ds/net.graphml", INPUT)),
    Case("benchmark-onto-dataset", _benchmark(lambda ws: ws / "ds"), 1, ("{ws}/ds", INPUT)),
    Case("benchmark-onto-parent-of-dataset", _benchmark(lambda ws: ws), 1, ("{ws}", INPUT)),
    Case("benchmark-inside-dataset", _benchmark(lambda ws: ws / "ds" / "report"), 1, ("{ws}/ds/report", INPUT)),
    Case("benchmark-onto-predictions-file", lambda ws: ["benchmark", "--dataset", ws / "ds", "--predictions",
                                                       f"mine={ws / 'p.jsonl'}", "-q", "--output", ws / "p.jsonl"],
         2, ("'--output'",)),
    Case("import-inside-the-corpus", _import(lambda ws: ws / "sm" / "SEESAW" / "out"), 1, ("{ws}/sm/SEESAW/out", INPUT)),
    Case("import-onto-the-corpus", _import(lambda ws: ws / "sm"), 1, ("{ws}/sm", INPUT)),
    # places that cannot be written
    Case("build-under-a-file", _build(lambda ws: ws / "blocker" / "ds"), 1, ("{ws}/blocker", CANNOT)),
    Case("import-under-a-file", _import(lambda ws: ws / "blocker" / "ann"), 1, ("{ws}/blocker", CANNOT)),
    Case("benchmark-under-a-file", _benchmark(lambda ws: ws / "blocker" / "b"), 1, ("{ws}/blocker", CANNOT)),
    Case("convert-under-a-file", _convert(lambda ws: ws / "blocker" / "p.jsonl"), 1, ("{ws}/blocker", CANNOT)),
    Case("evaluate-under-a-file", _evaluate(lambda ws: ws / "blocker" / "r.json"), 1, ("{ws}/blocker", CANNOT)),
    Case("predict-under-a-file", _predict(lambda ws: ws / "blocker" / "p.jsonl"), 1, ("{ws}/blocker", CANNOT)),
    Case("graph-under-a-file", _graph(lambda ws: ws / "blocker" / "g.gexf"), 1, ("{ws}/blocker", CANNOT)),
    Case("build-onto-a-file", _build(lambda ws: ws / "blocker"), 2, ("'--output'", "is a file")),
    Case("import-onto-a-file", _import(lambda ws: ws / "blocker"), 2, ("'--output'",)),
    Case("graph-unknown-format", _graph(lambda ws: ws / "net.txt"), 1, ("{ws}/net.txt", "unknown network format")),
    Case("convert-onto-a-folder", _convert(lambda ws: ws / "ds"), 2, ("'--output'",)),
]


@pytest.mark.parametrize("case", OUTPUT_CASES, ids=lambda c: c.id)
def test_no_output_ever_destroys_a_users_file(case, ws, monkeypatch):
    if case.id == "build-onto-text-folder":
        _annotations_with_texts_elsewhere(ws)
    check(case, ws, monkeypatch)


def _annotations_with_texts_elsewhere(ws: Path) -> None:
    """ann2/: the tiny annotations with their texts in ws/texts (text.path = ../texts/...)."""
    import json
    import shutil

    shutil.copytree(ws / "ann", ws / "ann2")
    (ws / "texts").mkdir()
    for name in ("doc_a", "doc_b"):
        (ws / "ann2" / f"{name}.txt").rename(ws / "texts" / f"{name}.txt")
        path = ws / "ann2" / f"{name}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["text"]["path"] = f"../texts/{name}.txt"
        path.write_text(json.dumps(data), encoding="utf-8")


def test_a_users_dot_old_folder_beside_the_output_survives_two_builds(ws, monkeypatch):
    (ws / ".out.old").mkdir()
    (ws / ".out.old" / "mine").write_text("keep\n", encoding="utf-8")
    case = Case("build-twice", _build(OUT), 0)
    check(case, ws, monkeypatch)
    check(case, ws, monkeypatch)
    assert sorted(p.name for p in ws.iterdir() if p.name.startswith(".")) == [".out.old"]


# --- the other commands that read annotations or texts, or write ---------------------------------

def _fifo(ws: Path) -> Path:
    os.mkfifo(ws / "fifo")
    return ws / "fifo"


def _loop(ws: Path) -> Path:
    os.symlink("loop", ws / "loop")
    return ws / "loop"


def _second_annotator(ws: Path) -> Path:
    import shutil

    shutil.copytree(ws / "ann", ws / "ann2")
    return ws / "ann2"


MORE_COMMANDS = [
    Case("locate-folder", lambda ws: ["locate", ws / "ann", "Berg"], 1, ("{ws}/ann", "is a folder, not a text file")),
    Case("locate-fifo", lambda ws: ["locate", _fifo(ws), "Berg"], 1, ("{ws}/fifo", "not a regular file")),
    Case("locate-loop", lambda ws: ["locate", _loop(ws), "Berg"], 1, ("{ws}/loop", "loops")),
    Case("new-from-fifo", lambda ws: ["new", _fifo(ws), "--annotator", "me", "--output", ws / "x.json"], 1,
         ("{ws}/fifo", "not a regular file")),
    Case("new-over-the-text", lambda ws: ["new", ws / "ann" / "doc_a.txt", "--annotator", "me", "--output",
                                          ws / "ann" / "doc_a.txt"], 1, ("{ws}/ann/doc_a.txt", "never overwrites")),
    Case("new-over-an-annotation", lambda ws: ["new", ws / "ann" / "doc_a.txt", "--annotator", "me", "--output",
                                               ws / "ann" / "doc_b.json"], 1, ("{ws}/ann/doc_b.json", "never overwrites")),
    Case("lint-fifo", lambda ws: ["lint", _fifo(ws)], 1, ("{ws}/fifo", "not a regular file")),
    Case("validate-loop", lambda ws: ["validate", _loop(ws)], 1, ("{ws}/loop", "loops")),
    Case("agree-output-inside-an-input", lambda ws: ["agree", ws / "ann", _second_annotator(ws), "--output",
                                                     ws / "ann"], 1, ("{ws}/ann", INPUT)),
    Case("export-brat-onto-annotations", lambda ws: ["export", "brat", ws / "ann", "--output", ws / "ann"], 1,
         ("{ws}/ann", INPUT)),
    Case("export-brat-output-dot", lambda ws: ["export", "brat", "ann", "--output", "."], 1, (INPUT,), cwd=True),
    Case("export-label-studio-inside-annotations", lambda ws: ["export", "label-studio", ws / "ann", "--output",
                                                               ws / "ann" / "tasks.json"], 1, ("{ws}/ann/tasks.json", INPUT)),
    Case("export-brat-under-a-file", lambda ws: ["export", "brat", ws / "ann", "--output", ws / "blocker" / "b"], 1,
         ("{ws}/blocker", CANNOT)),
    Case("export-predictions-fifo", lambda ws: ["export", "label-studio", ws / "ann", "--predictions", _fifo(ws),
                                                "--output", ws / "t.json"], 1, ("{ws}/fifo", "not a regular file")),
    Case("import-label-studio-fifo", lambda ws: ["import", "label-studio", _fifo(ws), "--output", ws / "o"], 1,
         ("{ws}/fifo", "not a regular file")),
    Case("audit-not-a-dataset", lambda ws: ["audit", ws / "ann"], 1, ("{ws}/ann", "not a built dataset folder")),
]


@pytest.mark.parametrize("case", MORE_COMMANDS, ids=lambda c: c.id)
def test_the_other_commands_are_as_careful(case, ws, monkeypatch):
    check(case, ws, monkeypatch)
