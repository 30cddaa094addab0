from __future__ import annotations

import huggingface_hub
import pytest

from actorstance.dataset.publish import check_repo_id, plan_publish, publish
from actorstance.errors import DatasetError


class FakeApi:
    """Records what publish() asks of the Hub; never touches the network."""

    calls: list = []

    def create_repo(self, repo_id, **kwargs):
        self.calls.append(("create_repo", repo_id, kwargs))

    def upload_folder(self, **kwargs):
        self.calls.append(("upload_folder", kwargs))
        return type("Commit", (), {"commit_url": "https://huggingface.co/datasets/o/n/commit/abc"})()


def test_plan_lists_every_file_and_the_manifest(tiny_dataset):
    plan = plan_publish(tiny_dataset, "o/n")
    assert [rel for rel, _ in plan.files] == [
        "MANIFEST.json", "README.md", "candidates/test-00000-of-00001.parquet",
        "candidates/train-00000-of-00001.parquet", "croissant.json", "documents/test-00000-of-00001.parquet",
        "documents/train-00000-of-00001.parquet", "pairs/test-00000-of-00001.parquet",
        "pairs/train-00000-of-00001.parquet", "provenance.jsonl"]
    assert (plan.version, plan.configs, plan.private) == ("1.0.0", ("pairs", "candidates", "documents"), False)


def test_publish_uploads_exactly_the_planned_files(tiny_dataset, monkeypatch, no_network):
    FakeApi.calls = []
    monkeypatch.setattr(huggingface_hub, "get_token", lambda: "hf_fake")
    monkeypatch.setattr(huggingface_hub, "HfApi", FakeApi)
    plan = plan_publish(tiny_dataset, "o/n", private=True)
    assert publish(plan) == "https://huggingface.co/datasets/o/n/commit/abc"
    assert FakeApi.calls == [
        ("create_repo", "o/n", {"repo_type": "dataset", "private": True, "exist_ok": True}),
        ("upload_folder", {"folder_path": tiny_dataset, "repo_id": "o/n", "repo_type": "dataset",
                           "allow_patterns": [rel for rel, _ in plan.files],
                           "commit_message": "actorstance dataset 1.0.0"})]


@pytest.mark.parametrize("repo_id", ["org/name", "a/b", "Org_1/na.me-2"])
def test_valid_repo_ids(repo_id):
    assert check_repo_id(repo_id) == repo_id


@pytest.mark.parametrize("repo_id", ["", "name", "/name", "org/", "org/na..me", "org/name-"])
def test_invalid_repo_ids(repo_id):
    with pytest.raises(DatasetError, match="is not a valid Hub dataset id"):
        check_repo_id(repo_id)
