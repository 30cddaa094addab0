"""User models that break the protocol, option values out of range, codebook rules and data that
must be escaped (issue 11: "one guard around user models", "option ranges", "codebook rules",
"one escaper per output format")."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.adversarial.conftest import Case, check

MODELS = "tests.adversarial.hostile_models"

#: model → (method, what its own message says)
HOSTILE = {
    "PredictNone": ("predict", "predict() returned None, not a sequence of labels"),
    "PredictRaises": ("predict", "predict() raised ValueError: the tokenizer met an empty context"),
    "PredictExitZero": ("predict", "predict() called sys.exit(0)"),
    "PredictExitMessage": ("predict", "predict() called sys.exit('giving up')"),
    "PredictWrongLength": ("predict", "predict() returned 1 labels for"),
    "PredictUnknownLabel": ("predict", "'favour', not a label of the config"),
    "PredictInteger": ("predict", "predict() returned a int, not a sequence of labels"),
    "PredictString": ("predict", "predict() returned a str, not a sequence of labels"),
    "PredictGeneratorRaises": ("predict", "predict() raised RuntimeError: generator broke after one label"),
    "PredictNumbers": ("predict", "prediction 0 is '1', not a label of the config"),
    "FitNoReturn": ("fit", "fit() returned None instead of the fitted model"),
    "FitRaises": ("fit", "fit() raised KeyError: 'context_start'"),
    "FitExits": ("fit", "fit() called sys.exit(3)"),
    "FitReturnsNumber": ("fit", "fit() returned a int, which has no predict()"),
    "NotCopyable": ("clone", "clone (get_params/deepcopy)() raised TypeError"),
    "InitRaises": ("init", "RuntimeError: needs a GPU"),
    "RecursionInPredict": ("predict", "predict() raised RecursionError"),
    "MemoryErrorInPredict": ("predict", "predict() raised MemoryError"),
}


def _evaluate(name):
    return lambda ws: ["evaluate", "--dataset", ws / "ds", "--model", f"{MODELS}:{name}", "--bootstrap", "0",
                       "--output", ws / "r.json"]


def _predict(name):
    return lambda ws: ["predict", "--dataset", ws / "ds", "--model", f"{MODELS}:{name}", "--output", ws / "p2.jsonl"]


def _nothing_written(*names):
    def after(ws: Path, output: str) -> None:
        assert not any((ws / name).exists() for name in names), "no output for a failed model"
    return after


def _who(name: str, method: str, message: str) -> str:
    """How the error names the model: by class (the guard) or by the --model spec (label checks, init)."""
    by_spec = method == "init" or "not a label of the config" in message
    return f"--model {MODELS}:{name}" if by_spec else f"model {MODELS}.{name}"


MODEL_CASES = [
    *(Case(f"evaluate-{name}", _evaluate(name), 1, (_who(name, method, message), message),
           after=_nothing_written("r.json")) for name, (method, message) in HOSTILE.items()),
    *(Case(f"predict-{name}", _predict(name), 1, (message,), after=_nothing_written("p2.jsonl"))
      for name, (method, message) in HOSTILE.items() if name.startswith(("Predict", "Fit"))),
]


@pytest.mark.parametrize("case", MODEL_CASES, ids=lambda c: c.id)
def test_a_broken_model_is_an_error_naming_model_method_and_message(case, ws, monkeypatch):
    output = check(case, ws, monkeypatch)
    assert "Fix:" in output


def test_debug_shows_the_models_own_traceback(ws):
    from tests.conftest import invoke

    args = ["evaluate", "--dataset", ws / "ds", "--model", f"{MODELS}:PredictRaises", "--bootstrap", "0"]
    quiet = invoke(*args)
    loud = invoke(*args, "--debug")
    env = invoke(*args, env={"ACTORSTANCE_DEBUG": "1"})
    assert quiet.exit_code == loud.exit_code == env.exit_code == 1
    assert "Traceback" not in quiet.output
    for result in (loud, env):
        assert "Traceback (most recent call last)" in result.output
        assert 'raise ValueError("the tokenizer met an empty context")' in result.output


def _option(*args):
    return lambda ws: [a(ws) if callable(a) else a for a in args]


DS = lambda ws: ws / "ds"  # noqa: E731
P = lambda ws: ws / "p.jsonl"  # noqa: E731

OPTION_CASES = [
    Case("evaluate-seed-negative", _option("evaluate", "--dataset", DS, "--model", "baseline:majority",
                                           "--seed", "-5"), 2, ("'--seed'", "0<=x<=4294967295")),
    Case("evaluate-seed-2-to-33", _option("evaluate", "--dataset", DS, "--model", "baseline:majority",
                                          "--seed", "8589934592"), 2, ("'--seed'", "0<=x<=4294967295")),
    Case("evaluate-seed-2-to-32", _option("evaluate", "--dataset", DS, "--model", "baseline:majority",
                                          "--seed", str(2**32)), 2, ("'--seed'",)),
    Case("evaluate-seed-text", _option("evaluate", "--dataset", DS, "--model", "baseline:majority",
                                       "--seed", "seven"), 2, ("'--seed'",)),
    Case("evaluate-bootstrap-negative", _option("evaluate", "--dataset", DS, "--predictions", P,
                                                "--bootstrap", "-1"), 2, ("'--bootstrap'", "0<=x<=100000")),
    Case("evaluate-bootstrap-huge", _option("evaluate", "--dataset", DS, "--predictions", P,
                                            "--bootstrap", "1000000000"), 2, ("'--bootstrap'", "0<=x<=100000")),
    Case("predict-seed-negative", _option("predict", "--dataset", DS, "--model", "baseline:majority", "--seed", "-1",
                                          "--output", lambda ws: ws / "x.jsonl"), 2, ("'--seed'",)),
    Case("benchmark-seed-huge", _option("benchmark", "--dataset", DS, "--seed", str(2**40), "--output",
                                        lambda ws: ws / "b"), 2, ("'--seed'",)),
    Case("benchmark-bootstrap-huge", _option("benchmark", "--dataset", DS, "--bootstrap", "100001", "--output",
                                             lambda ws: ws / "b"), 2, ("'--bootstrap'",)),
    Case("split-seed-negative", _option("split", "--annotations", lambda ws: ws / "ann", "--seed", "-3"), 2,
         ("'--seed'",)),
]


@pytest.mark.parametrize("case", OPTION_CASES, ids=lambda c: c.id)
def test_option_ranges_are_checked_by_click(case, ws, monkeypatch):
    check(case, ws, monkeypatch)


def _edit(change, command=lambda ws: ["validate", ws / "ann"]):
    def setup(ws: Path) -> list:
        path = ws / "ann" / "doc_a.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data, ws)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return command(ws)
    return setup


def _mention(data, mid, start, end, text, actor="berg"):
    data["mentions"].append({"id": mid, "actor": actor, "start": start, "end": end, "text": text})


def _flip_label_by_duplicate_key(ws: Path) -> list:
    path = ws / "ann" / "doc_a.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"label": "positive",', '"label": "positive", "label": "negative",', 1),
                    encoding="utf-8")
    return ["validate", ws / "ann"]


def _nfd_mention(data, ws):
    # the text has "Berg’s"; a mention whose text is the same string in another normal form
    text_path = ws / "ann" / "doc_a.txt"
    text = text_path.read_text(encoding="utf-8").replace("Eva Lind", "Eva Lindé")
    text_path.write_text(text, encoding="utf-8")
    import hashlib

    data["text"]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    data["mentions"][-1].update(end=251, text="Eva Linde\u0301")


CODEBOOK_CASES = [
    Case("m5-overlapping-mentions", _edit(lambda d, ws: _mention(d, "m12", 35, 44, "Anna Berg")), 1,
         ("{ws}/ann/doc_a.json: mentions[", "overlaps mention 'm1' [20, 44)", "codebook M5")),
    Case("m5-crossing-mentions", _edit(lambda d, ws: _mention(d, "m12", 40, 50, "Berg prais", actor="holm")), 1,
         ("overlaps mention", "codebook M5")),
    Case("m5-same-span-twice", _edit(lambda d, ws: _mention(d, "m12", 20, 44, "Prime Minister Anna Berg")), 1,
         ("overlaps mention", "codebook M5")),
    Case("duplicate-key-flips-a-gold-label", _flip_label_by_duplicate_key, 1,
         ("{ws}/ann/doc_a.json: stances[0].label", "key 'label' appears 2 times")),
    Case("nfc-vs-nfd-span", _edit(_nfd_mention), 1, ("another Unicode normalization form",)),
    Case("m5-in-convert-too", _edit(lambda d, ws: _mention(d, "m12", 35, 44, "Anna Berg"),
                                    lambda ws: ["convert", ws / "ann", "--output", ws / "x.jsonl"]), 1,
         ("codebook M5",), after=_nothing_written("x.jsonl")),
]


@pytest.mark.parametrize("case", CODEBOOK_CASES, ids=lambda c: c.id)
def test_codebook_rules_are_errors(case, ws, monkeypatch):
    check(case, ws, monkeypatch)


# --- data that must be escaped: accepted (exit 0), rendered harmlessly --------------------------

NASTY_NAME = "Ann\x00a \x1b[31mB\x0berg\u202e gnoL <script>alert(1)</script> | x | $y$"


def _nasty_annotations(ws: Path) -> None:
    path = ws / "ann" / "doc_a.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["actors"][0]["name"] = NASTY_NAME
    data["source"]["outlet"] = "<script>alert('card')</script>\n# Heading\n| a | b |"
    data["source"]["author"] = "\u202eevil\u202c | broken"
    data["annotators"][0]["name"] = "`code` **bold** <img src=x onerror=alert(1)>"
    data["metadata"] = {"note\n# injected": "line one\n\n- list\n<b>bold</b>\x07"}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _card_is_harmless(ws: Path, output: str) -> None:
    card = (ws / "out" / "README.md").read_text(encoding="utf-8")
    assert "<script>" not in card and "<img" not in card and "<b>" not in card
    assert not any(ch in card for ch in "\x00\x1b\x0b\x07\u202e\u202c")
    assert "\n# Heading" not in card and "\n# injected" not in card and "\n- list" not in card
    from actorstance.dataset.card_reader import read_card_metadata

    read_card_metadata(ws / "out")  # the YAML still parses


def _graph_files_are_well_formed(ws: Path, output: str) -> None:
    for name in ("g.graphml", "g.gexf"):
        root = ET.parse(ws / name).getroot()  # raises on a NUL, ESC or VT in the XML
        text = ET.tostring(root, encoding="unicode")
        assert "\u202e" not in text and "Anna" in text


def _build_nasty(ws: Path) -> list:
    _nasty_annotations(ws)
    return ["build", "--annotations", ws / "ann", "--output", ws / "out"]


def _graph_nasty(name):
    def setup(ws: Path) -> list:
        _nasty_annotations(ws)
        from tests.conftest import invoke

        assert invoke("build", "--annotations", ws / "ann", "--output", ws / "nasty").exit_code == 0
        if name == "g.gexf":  # both formats checked in one go
            assert invoke("graph", "--dataset", ws / "nasty", "--split", "train", "--output",
                          ws / "g.graphml").exit_code == 0
        return ["graph", "--dataset", ws / "nasty", "--split", "train", "--output", ws / name]
    return setup


def _report_nasty(ws: Path) -> list:
    _nasty_annotations(ws)
    from tests.conftest import invoke

    assert invoke("build", "--annotations", ws / "ann", "--output", ws / "nasty").exit_code == 0
    return ["benchmark", "--dataset", f"{ws / 'nasty'}:pairs:train", "--bootstrap", "0", "-q",
            "--output", ws / "rep"]


def _report_is_harmless(ws: Path, output: str) -> None:
    report = (ws / "rep" / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in report and not any(ch in report for ch in "\x00\x1b\x0b\u202e")
    for name in ("network-gold.graphml", "network-gold.gexf"):
        for path in (ws / "rep").rglob(name):
            ET.parse(path)


ESCAPE_CASES = [
    Case("card-escapes-annotation-metadata", _build_nasty, 0, after=_card_is_harmless),
    Case("graphml-gexf-well-formed", _graph_nasty("g.gexf"), 0, after=_graph_files_are_well_formed),
    Case("graph-png-with-nasty-labels", _graph_nasty("g.png"), 0),
    Case("report-escapes-names", _report_nasty, 0, after=_report_is_harmless),
]


@pytest.mark.parametrize("case", ESCAPE_CASES, ids=lambda c: c.id)
def test_data_reaching_an_output_format_is_escaped(case, ws, monkeypatch):
    check(case, ws, monkeypatch)
