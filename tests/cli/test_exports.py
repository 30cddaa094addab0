"""``actorstance export FORMAT [PATHS...] --output PATH``."""

from __future__ import annotations

from actorstance.convert import pair_id
from tests.conftest import TINY, error, invoke


def test_export_prints_what_it_wrote(tmp_path):
    result = invoke("export", "brat", TINY, "--output", tmp_path / "brat")
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 2 brat documents (6 stance relations) to {tmp_path / 'brat'}\n"
    assert sorted(p.name for p in (tmp_path / "brat").iterdir() if not p.name.startswith(".")) == [
        "annotation.conf", "tiny_a.ann", "tiny_a.txt", "tiny_b.ann", "tiny_b.txt"]


def test_export_of_invalid_annotations_exits_1(tmp_path, edit_annotation):
    path = edit_annotation(lambda d: d["stances"][0].update(label="pos"))
    err = error(invoke("export", "label-studio", path.parent, "--output", tmp_path / "t.json"))
    assert err.startswith("Error: 1 problem in annotations:\n")
    assert not (tmp_path / "t.json").exists()


def test_unknown_format_is_a_usage_error(tmp_path):
    result = invoke("export", "inception", TINY, "--output", tmp_path / "x")
    assert result.exit_code == 2
    assert "Invalid value for 'FORMAT': 'inception' is not one of 'brat', 'label-studio'." in result.output


def test_a_bad_predictions_file_exits_1_naming_the_line(tmp_path):
    preds = tmp_path / "preds.jsonl"
    preds.write_text(f'{{"id": "{pair_id("tiny_a", "berg", "holm")}", "label": "pos"}}\n', encoding="utf-8")
    err = error(invoke("export", "label-studio", TINY, "--predictions", preds, "--output", tmp_path / "t.json"))
    assert err.startswith("Error: ") and f"{preds}:1" in err
    assert not (tmp_path / "t.json").exists()
