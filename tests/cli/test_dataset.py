"""``actorstance build`` and ``actorstance publish`` (dry run only: tests never touch the network)."""

from __future__ import annotations

from typing import Annotated

import pytest
from click.testing import CliRunner

from actorstance.cli import cli
from actorstance.corpus import CorpusInfo
from actorstance.dataset.manifest import read_manifest
from tests.conftest import TINY, pydantic_error


@pytest.fixture
def built(tmp_path):
    out = tmp_path / "ds"
    result = CliRunner().invoke(cli, ["build", "--annotations", str(TINY), "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_build_reports_rows_and_files(built):
    out, result = built
    digest = read_manifest(out)["sha256"][:12]
    assert result.output == ("pairs: train 4 rows, test 2 rows\n"
                             "candidates: train 20 rows, test 4 rows\n"
                             "documents: train 1 rows, test 1 rows\n"
                             "leakage audit: no leak in 28 probes; largest gain over the majority label +0.333 "
                             "(pairs: source name length)\n"
                             f"wrote dataset 1.0.0 (2 documents, 10 files, sha256 {digest}) to {out}\n")


def test_build_bad_splits_is_exit_1_with_the_problem(tiny_copy, tmp_path):
    (tiny_copy / "splits.json").write_text('{"tiny_a": "train"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--annotations", str(tiny_copy), "-o", str(tmp_path / "ds")])
    assert result.exit_code == 1
    assert result.output == (f"Error: 1 problem in the splits file:\n  {tiny_copy / 'splits.json'}: tiny_b: document "
                             'has no split. Fix: add "tiny_b": one of train, validation, test, or run `actorstance '
                             'split`.\n')


def test_build_bad_corpus_json_is_exit_1_and_leaves_the_output_untouched(built, tiny_copy):
    out, _ = built
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (tiny_copy / "corpus.json").write_text('{"name": "Tiny"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--annotations", str(tiny_copy), "-o", str(out)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "Error: 10 problems in corpus metadata:"  # the name, then 9 missing fields
    name = Annotated[str, *CorpusInfo.model_fields["name"].metadata]
    assert lines[1] == (f"  {tiny_copy / 'corpus.json'}: name: {pydantic_error(name, 'Tiny')}, "
                        'got "Tiny". Fix: correct corpus.json (its fields are documented in docs/dataset.md) or '
                        "re-run the import that wrote it.")
    assert lines[2].startswith(f"  {tiny_copy / 'corpus.json'}: pretty_name: required field is missing. Fix: add it")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before

def test_publish_dry_run_lists_the_upload(built):
    out, _ = built
    result = CliRunner().invoke(cli, ["publish", "--repo-id", "my-org/actorstance", "--dataset", str(out),
                                      "--dry-run", "--private"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (f"would upload dataset 1.0.0 (pairs, candidates, documents) from {out} to "
                        "https://huggingface.co/datasets/my-org/actorstance (private):")
    sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*")
             if p.is_file() and not p.name.startswith(".")}  # the output marker is not part of the dataset
    assert lines[1:-1] == [f"  {rel} ({size} bytes)" for rel, size in sorted(sizes.items())]
    assert lines[-1] == "dry run: checks passed, nothing uploaded"


@pytest.mark.parametrize("repo_id", ["actorstance", "a/b/c", "-org/x", "org/x.git", "org--x/y", "org/" + "x" * 100,
                                     "org/with space"])
def test_publish_bad_repo_id(built, repo_id):
    out, _ = built
    result = CliRunner().invoke(cli, ["publish", "--repo-id", repo_id, "--dataset", str(out), "--dry-run"])
    assert result.exit_code == 1
    assert result.output == (f"Error: --repo-id {repo_id!r} is not a valid Hub dataset id: expected OWNER/NAME with "
                             "letters, digits, '-', '_' or '.' (no '--' or '..', at most 96 characters). Fix: pass "
                             "e.g. --repo-id my-org/actorstance.\n")


def test_publish_dry_run_refuses_a_tampered_folder(built):
    out, _ = built
    (out / "README.md").write_text("---\npretty_name: x\n---\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["publish", "--repo-id", "o/n", "--dataset", str(out), "--dry-run"])
    assert result.exit_code == 1
    assert "README.md: sha256 differs from MANIFEST.json" in result.output


def test_publish_dry_run_needs_a_manifest_and_a_card(built):
    out, _ = built
    (out / "MANIFEST.json").unlink()
    result = CliRunner().invoke(cli, ["publish", "--repo-id", "o/n", "--dataset", str(out), "--dry-run"])
    assert (result.exit_code, result.output) == (1, f"Error: {out}: no MANIFEST.json, so its files cannot be "
                                                    "checked. Fix: build the folder with `actorstance build`.\n")
    (out / "README.md").unlink()
    result = CliRunner().invoke(cli, ["publish", "--repo-id", "o/n", "--dataset", str(out), "--dry-run"])
    assert result.exit_code == 1 and "has no README.md, so it is not a built dataset folder" in result.output


def test_publish_without_token_stops_before_any_network(built, monkeypatch):
    import huggingface_hub

    out, _ = built
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: None)
    monkeypatch.setattr(huggingface_hub, "HfApi", lambda *a, **k: pytest.fail("HfApi must not be created"))
    result = CliRunner().invoke(cli, ["publish", "--repo-id", "o/n", "--dataset", str(out)])
    assert result.exit_code == 1
    assert result.output.endswith("Error: no Hugging Face token found. Fix: run `hf auth login` or set HF_TOKEN (a "
                                  "token with write access), or use --dry-run to check the folder only.\n")


def test_split_writes_the_splits_file_and_says_what_it_placed(tiny_copy):
    (tiny_copy / "splits.json").write_text('{"tiny_a": "train"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["split", "--annotations", str(tiny_copy), "--seed", "0"])
    assert result.exit_code == 0, result.output
    assert result.output == ("tiny_b: train\n"
                             f"wrote {tiny_copy / 'splits.json'}: train 2, validation 0, test 0 (1 placed with seed 0, "
                             "1 kept)\n")


def test_split_shares_must_sum_to_one(tiny_copy):
    result = CliRunner().invoke(cli, ["split", "--annotations", str(tiny_copy), "--seed", "0", "--test", "0.5"])
    assert result.exit_code == 2
    assert "Error: --train, --validation and --test must sum to 1, got 0.8 + 0.1 + 0.5 = 1.4" in result.output


def test_audit_prints_every_probe_and_passes(built):
    out, _ = built
    result = CliRunner().invoke(cli, ["audit", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["config", "column", "feature", "n", "majority", "probe", "gain", "p", "verdict"]
    assert len(lines) == 1 + 28 + 1
    assert [line.split()[-1] for line in lines[1:-1]] == (["ok"] * 7 + ["content"] * 2 + ["ok"] * 5) * 2


def leaky_configs(doc):
    """The converter of 1.x on a scoped corpus: annotated ids carry a suffix that `none` ids lack."""
    from dataclasses import replace

    from actorstance.convert import document_configs

    pairs, candidates = document_configs(doc)
    marked = {p.id: replace(p, id=p.id + "@0-9") for p in pairs}
    return list(marked.values()), [marked.get(p.id, p) for p in candidates]


def test_a_leaky_build_fails_naming_the_column_and_keeps_the_old_output(built, monkeypatch):
    out, _ = built
    before = read_manifest(out)
    monkeypatch.setattr("actorstance.dataset.build.document_configs", leaky_configs)
    monkeypatch.setattr("actorstance.dataset.audit.ALPHA", 1.0)  # 24 rows are too few to be significant
    result = CliRunner().invoke(cli, ["build", "--annotations", str(TINY), "--output", str(out)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {TINY}: the leakage audit failed: model inputs give the label away.\n")
    assert "  config 'candidates', column 'id' (id shape): a probe reading only it scores 0.375 balanced accuracy " \
           "vs 0.250 for the majority label (+0.125 > 0.05, p = 0.16)\n" in result.stderr
    assert read_manifest(out) == before
