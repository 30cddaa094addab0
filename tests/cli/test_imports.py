"""``actorstance import FORMAT PATH --output DIR``."""

import json
import shutil

from tests.importers.conftest import SEESAW_MINI
from tests.conftest import invoke


def test_import_seesaw_prints_the_report_and_writes_a_valid_folder(tmp_path):
    out = tmp_path / "seesaw"
    result = invoke("import", "seesaw", SEESAW_MINI, "--output", out)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"imported 4 seesaw documents from {SEESAW_MINI} into {out}",
        "  records: 17 read, 12 kept as stances; not kept by rule: merged_duplicate 2, outvoted_conflict 1, "
        "tied_conflict 2",
        "  actors: 17; mentions: 22",
        "  splits: train 2 documents (10 stances), validation 1 document (0 stances), test 1 document (2 stances)",
        "  mapped by rule: entity_type_tie 1, placeholder_actors 2, subject_none_to_placeholder 1, "
        "subject_not_in_the_list_to_placeholder 1",
        "  coverage: both_listed 10, both_mentioned_in_sentence 9, source_listed 10, source_mentioned_in_sentence 10, "
        "target_listed 12, target_mentioned_in_sentence 9",
    ]
    validated = invoke("validate", out)
    assert validated.exit_code == 0 and len(validated.output.splitlines()) == 4
    converted = invoke("convert", out, "-o", tmp_path / "pairs.jsonl")
    pairs = tmp_path / "pairs.jsonl"
    assert (converted.exit_code, converted.output) == (0, f"wrote 12 pairs from 4 documents to {pairs}\n")


def test_unknown_format_is_a_usage_error(tmp_path):
    result = invoke("import", "conll", SEESAW_MINI, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.output.endswith("Error: Invalid value for FORMAT: 'conll' is not a known format; use one of: brat, "
                                  "doccano, inception, label-studio, seesaw, seesaw-annotators\n")
    assert not (tmp_path / "out").exists()


def test_malformed_corpus_exits_1_with_every_problem(tmp_path):
    seesaw_copy = tmp_path / "seesaw_mini"
    shutil.copytree(SEESAW_MINI, seesaw_copy)
    meta = seesaw_copy / "SEESAW" / "meta" / "TRIPLET_901.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["Split"] = "dev"
    meta.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("import", "seesaw", seesaw_copy, "-o", tmp_path / "out")
    assert (result.exit_code, result.output) == (1, (
        "Error: 1 problem in the imported corpus:\n"
        f"  {meta}: Split: unknown split 'dev'. Fix: use one of: train, valid, test.\n"))
    assert not (tmp_path / "out").exists()


def test_output_folder_with_other_files_is_refused(tmp_path):
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = invoke("import", "seesaw", SEESAW_MINI, "-o", tmp_path)
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path}: refusing to replace this folder: it is not empty and is not an output of "
                             "`actorstance import` (it has no .actorstance-output marker). Fix: pass a new or empty "
                             "folder, or one written by an earlier `actorstance import`; move your files elsewhere "
                             "first if this is the folder you meant.\n")
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_tool_import_of_a_malformed_brat_line_exits_1(tmp_path):
    from tests.importers.tool_fixtures import TOOLS

    copy = tmp_path / "brat"
    shutil.copytree(TOOLS / "brat", copy)
    ann = copy / "bob" / "berg_holm.ann"
    ann.write_text(ann.read_text(encoding="utf-8") + "N1\tReference T1 Wikidata:Q1\tAnna Berg\n", encoding="utf-8")
    result = invoke("import", "brat", copy, "--output", tmp_path / "out")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("Error: 1 problem in the imported corpus:\n"
                             f"  {ann}:9: normalisations (N1) are not imported. Fix: annotate stances as relations "
                             "between two entity spans; remove the line.\n")
    assert not (tmp_path / "out").exists()


def test_the_folders_of_a_tool_import_are_what_agree_compares(tmp_path):
    from tests.importers.tool_fixtures import TOOLS

    out = tmp_path / "round1"
    assert invoke("import", "label-studio", TOOLS / "label-studio-export.json", "--output", out).exit_code == 0
    result = invoke("agree", out / "ls-user-2", out / "ls-user-3")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # user 2 marked 3 pairs, user 3 two of them: F1 = 2*2/(3+2); both give those two the same polarity
    assert lines[:2] == ["1 document compared across 2 folders",
                         "pair identification: F1 0.800 (2 pairs marked by both annotators of an annotator pair, "
                         "5 marked in all, pooled)"]
    assert lines[2].startswith("labels on shared pairs: 100.0% observed on 2 pairs")
