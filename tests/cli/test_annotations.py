import json

from actorstance.convert import pair_id
from actorstance.schema import GUIDELINE_VERSION
from tests.conftest import TINY, error, invoke


def test_validate_prints_one_summary_line_per_file():
    result = invoke("validate", TINY)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{TINY / 'doc_a.json'}: ok — tiny_a: 5 actors, 11 mentions, 4 stances (guidelines 1.0.0)",
        f"{TINY / 'doc_b.json'}: ok — tiny_b: 3 actors, 6 mentions, 2 stances (guidelines 1.0.0)",
    ]


def test_validate_lists_every_problem_of_every_file_and_exits_1(tiny_copy):
    for name in ("doc_a.json", "doc_b.json"):
        path = tiny_copy / name
        data = json.loads(path.read_text(encoding="utf-8"))
        data["stances"][0]["label"] = "favourable"
        path.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("validate", tiny_copy)
    assert result.exit_code == 1
    fix = "Fix: use one of: positive, negative, neutral."
    assert result.output == (
        "Error: 2 problems in annotations:\n"
        f"  {tiny_copy / 'doc_a.json'}: stances[0].label: unknown label 'favourable'. {fix}\n"
        f"  {tiny_copy / 'doc_b.json'}: stances[0].label: unknown label 'favourable'. {fix}\n")


def test_validate_missing_path_and_empty_folder(tmp_path):
    result = invoke("validate", tmp_path / "missing")
    assert result.exit_code == 1
    assert result.output == (f"Error: 1 problem in annotations:\n  {tmp_path / 'missing'}: no such file or folder. "
                             "Fix: pass an annotation .json file or a folder of them.\n")
    result = invoke("validate", tmp_path)
    assert (result.exit_code, result.output) == (1, f"Error: no annotation files found in {tmp_path}\n")


def test_convert_and_lint_refuse_a_folder_without_annotation_files(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for args in (("convert", empty, "--output", tmp_path / "pairs.jsonl"), ("lint", empty)):
        result = invoke(*args)
        assert (result.exit_code, result.output) == (1, f"Error: no annotation files found in {empty}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]  # nothing written


def test_convert_writes_sorted_jsonl_and_is_byte_identical(tmp_path):
    out1, out2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    result = invoke("convert", TINY, "--output", out1)
    assert (result.exit_code, result.output) == (0, f"wrote 6 pairs from 2 documents to {out1}\n")
    invoke("convert", TINY, "--output", out2)
    assert out1.read_bytes() == out2.read_bytes()
    rows = [json.loads(line) for line in out1.read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in rows]
    assert ids == sorted(ids) and ids == [pair_id(r["doc_id"], r["source_id"], r["target_id"]) for r in rows]
    assert pair_id("tiny_a", "berg", "holm") in ids
    assert {"id", "doc_id", "source_id", "source", "source_type", "target_id", "target", "target_type",
            "label", "explicit", "evidence"} <= rows[0].keys()


def test_convert_with_candidates(tmp_path):
    out = tmp_path / "c.jsonl"
    result = invoke("convert", TINY, "-o", out, "--candidates")
    assert (result.exit_code, result.output) == (0, f"wrote 24 pairs (18 none candidates) from 2 documents to {out}\n")


def test_convert_on_bad_input_leaves_previous_output_intact(tiny_copy, tmp_path):
    out = tmp_path / "pairs.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    (tiny_copy / "doc_a.json").write_text("{", encoding="utf-8")
    result = invoke("convert", tiny_copy, "-o", out)
    assert result.exit_code == 1
    assert "invalid JSON" in result.output
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_convert_requires_output():
    result = invoke("convert", TINY)
    assert result.exit_code == 2
    assert "Missing option '--output' / '-o'." in result.output


def test_schema_command_prints_published_schema():
    from tests.conftest import REPO

    result = invoke("schema")
    assert result.exit_code == 0
    assert result.output == (REPO / "docs" / "annotation.schema.json").read_text(encoding="utf-8")


def test_new_writes_a_skeleton_and_lists_the_paragraphs(tmp_path):
    text = tmp_path / "art_1.txt"
    text.write_text("Title\n\nVarga defended the plan.\n", encoding="utf-8")
    out = tmp_path / "ann" / "art_1.json"
    result = invoke("new", text, "--annotator", "ana", "--output", out)
    assert result.exit_code == 0, result.output
    assert result.output == (f"wrote {out}: doc id art_1, guidelines {GUIDELINE_VERSION}, 2 paragraphs:\n"
                             "  0: [0, 5) Title\n  1: [7, 31) Varga defended the plan.\n")
    assert invoke("validate", out).exit_code == 0
    again = invoke("new", text, "--annotator", "ana", "--output", out)
    assert error(again) == (f"Error: {out}: already exists; `new` never overwrites an annotation. Fix: pass another "
                            "--output, or delete the file first.\n")


def test_locate_prints_offsets_or_one_json_span(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Varga met Reyes.\n\nVarga left.", encoding="utf-8")
    result = invoke("locate", text, "Varga")
    assert result.exit_code == 0, result.output
    assert result.output == ("1\t0\t5\tparagraph 0\t…[Varga] met Reyes.  Varga left.…\n"
                             "2\t18\t23\tparagraph 1\t…Varga met Reyes.  [Varga] left.…\n")
    result = invoke("locate", text, "Varga", "--nth", "2")
    assert (result.exit_code, result.output) == (0, '{"start": 18, "end": 23, "text": "Varga"}\n')
    assert error(invoke("locate", text, "Putin")) == (f"Error: {text}: 'Putin' does not occur. Fix: pass the surface "
                                                      "exactly as written (case, quotes and apostrophes included).\n")
    assert invoke("locate", text, "Varga", "--nth", "0").exit_code == 2


def test_lint_passes_with_warnings_and_fails_on_errors(tiny_copy):
    from tests.conftest import REPO

    seed_file = REPO / "data" / "annotations" / "000_90ff7f66b757b298.json"
    seed = invoke("lint", seed_file)
    assert seed.exit_code == 0, seed.output
    assert seed.output.splitlines()[-1] == "ok — 1 document: 0 errors, 5 warnings"
    assert error(invoke("lint", "--strict", seed_file)).startswith("Error: lint failed — 1 document: 0 errors, 5 warnings:\n")
    stderr = error(invoke("lint", tiny_copy))
    assert stderr.splitlines()[0] == "Error: lint failed — 2 documents: 2 errors, 11 warnings:"
    assert f"  {tiny_copy / 'doc_a.json'}: actors[3]: error A1: actor 'courier' is in no stance." in stderr
