import json

import pytest

from actorstance.errors import PredictionsError
from actorstance.evaluation.predictions import read_predictions, write_predictions
from actorstance.labels import STANCE_LABELS
from tests.conftest import json_error

IDS = ("d1/a->b", "d1/b->a", "d2/c->d")
FIX_LABEL = "Fix: use one of: positive, negative, neutral; or null to abstain."


def write(tmp_path, *lines: str):
    path = tmp_path / "preds.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def read(path, ids=IDS):
    return read_predictions(path, ids=ids, labels=STANCE_LABELS, split="split 'test'")


def problems(path, ids=IDS) -> list[str]:
    with pytest.raises(PredictionsError) as info:
        read(path, ids)
    return [str(p) for p in info.value.problems]


def test_reads_predictions_in_split_order_with_abstentions_and_scores(tmp_path):
    path = write(tmp_path,
                 '{"id": "d2/c->d", "label": "negative", "scores": {"negative": 0.75, "positive": 0}}',
                 '',
                 '{"id": "d1/a->b", "label": "positive"}',
                 '{"id": "d1/b->a", "label": null}')
    preds = read(path)
    assert preds.ids == IDS
    assert preds.labels == ("positive", None, "negative")
    assert preds.scores == (None, None, {"negative": 0.75, "positive": 0.0})
    assert preds.abstentions == 1
    assert len(preds.sha256) == 64 and preds.path == str(path)


def test_every_problem_is_listed_with_its_line(tmp_path):
    path = write(tmp_path,
                 '{"id": "d1/a->b", "label": "favour"}',
                 '{"id": "d1/a->b", "label": "positive"}',
                 '{"id": "d1/b->a", "label": positive}',
                 '["d1/b->a", "positive"]',
                 '{"label": "positive"}',
                 '{"id": 7, "label": "positive"}',
                 '{"id": "d1/b->a"}',
                 '{"id": "train/x->y", "label": "neutral"}',
                 '{"id": "d2/c->d", "label": "neutral", "score": 1, "scores": {"pos": 1, "neutral": "high"}}')
    where = str(path)
    assert problems(path) == [
        f"{where}:1: label: unknown label 'favour'. {FIX_LABEL}",
        f"{where}:2: id 'd1/a->b': duplicate id (first on line 1). Fix: keep one prediction per pair.",
        f"{where}:3: invalid JSON: {json_error(path.read_text().splitlines()[2])}. Fix: write one JSON value per line "
        "(JSON lines).",
        f"{where}:4: expected a JSON object, got list. "
        'Fix: write one JSON object per line, e.g. {"id": "...", "label": "positive"}.',
        f"{where}:5: id: missing. Fix: give the pair id of the dataset row.",
        f"{where}:6: id: expected a string, got 7. Fix: give the pair id as a string.",
        f"{where}:7: label: missing. {FIX_LABEL}",
        f"{where}:9: score: unexpected key. Fix: use only id, label, scores.",
        f"{where}:9: scores.neutral: expected a finite number, got 'high'. "
        "Fix: give scores as an object of label → number, labels among: positive, negative, neutral.",
        f"{where}:9: scores.pos: unknown label. "
        "Fix: give scores as an object of label → number, labels among: positive, negative, neutral.",
        f"{where}:8: id 'train/x->y': not a pair of split 'test'. "
        "Fix: predict only pairs of split 'test' (check --split and --config).",
    ]


def test_missing_ids_are_counted_with_examples(tmp_path):
    ids = tuple(f"d/{i:02d}" for i in range(9))
    path = write(tmp_path, '{"id": "d/04", "label": "neutral"}')
    assert problems(path, ids) == [
        f"{path}: 8 of the 9 pairs of split 'test' have no prediction: 'd/00', 'd/01', 'd/02', 'd/03', 'd/05' "
        "and 3 more. Fix: write one line per pair of the split; use \"label\": null to abstain."]


def test_an_empty_file_misses_every_pair(tmp_path):
    assert problems(write(tmp_path)) == [
        f"{tmp_path / 'preds.jsonl'}: 3 of the 3 pairs of split 'test' have no prediction: 'd1/a->b', 'd1/b->a', "
        "'d2/c->d'. Fix: write one line per pair of the split; use \"label\": null to abstain."]


def test_many_unknown_ids_are_summarised(tmp_path):
    lines = [json.dumps({"id": i, "label": "neutral"}) for i in IDS]
    lines += [json.dumps({"id": f"other/{i}", "label": "neutral"}) for i in range(8)]
    found = problems(write(tmp_path, *lines))
    assert len(found) == 6
    assert found[4].endswith(":8: id 'other/4': not a pair of split 'test'. "
                             "Fix: predict only pairs of split 'test' (check --split and --config).")
    assert found[5] == (f"{tmp_path / 'preds.jsonl'}: 3 more ids not in split 'test' (lines 9-11). "
                        "Fix: predict only pairs of split 'test' (check --split and --config).")


def test_unreadable_files(tmp_path):
    assert problems(tmp_path / "none.jsonl") == [
        f"{tmp_path / 'none.jsonl'}: no such predictions file. Fix: pass a JSON lines file written by `actorstance predict` "
        "or your model."]
    assert problems(tmp_path) == [f"{tmp_path}: is a folder, not a predictions file. Fix: pass a JSON lines file "
                                  "written by `actorstance predict` or your model."]
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"id": "caf\xe9", "label": "neutral"}\n')
    assert problems(latin)[0] == (f"{latin}:1: not UTF-8: invalid continuation byte at byte 11 (column 12). "
                                  "Fix: save the file as UTF-8.")


def test_error_message_summary_line(tmp_path):
    with pytest.raises(PredictionsError, match=r"^2 problems in predictions:\n"):
        read(write(tmp_path, '{"id": "d1/a->b", "label": "favour"}', '{"id": "d1/b->a", "label": null}',
                   '{"id": "d2/c->d", "label": "neutral", "x": 1}'))


def test_write_predictions_is_sorted_deterministic_and_round_trips(tmp_path):
    out1, out2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    labels = ["negative", None, "positive"]
    scores = [None, None, {"positive": 0.9, "negative": 0.1}]
    assert write_predictions(out1, list(reversed(IDS)), labels, scores) == 3
    write_predictions(out2, list(reversed(IDS)), labels, scores)
    assert out1.read_bytes() == out2.read_bytes()
    assert out1.read_text(encoding="utf-8").splitlines() == [
        '{"id":"d1/a->b","label":"positive","scores":{"negative":0.1,"positive":0.9}}',
        '{"id":"d1/b->a","label":null}',
        '{"id":"d2/c->d","label":"negative"}',
    ]
    assert read(out1).labels == ("positive", None, "negative")


def test_write_predictions_rejects_mismatched_input(tmp_path):
    with pytest.raises(ValueError, match="same length"):
        write_predictions(tmp_path / "p.jsonl", IDS, ["positive"])
    with pytest.raises(ValueError, match="unique"):
        write_predictions(tmp_path / "p.jsonl", ["a", "a"], ["positive", "negative"])
    assert not (tmp_path / "p.jsonl").exists()
