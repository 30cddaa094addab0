"""Upload a built dataset folder to the Hugging Face Hub (or, with a dry run, only check it).

:func:`plan_publish` checks everything that can be checked offline — the repository id, the
card, and every file against ``MANIFEST.json`` — and lists what would be uploaded;
:func:`publish` then uploads exactly those files with ``huggingface_hub``, using the token
from the standard places (``HF_TOKEN`` or ``hf auth login``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from actorstance.dataset.card_reader import card_configs, read_card_metadata
from actorstance.dataset.layout import MANIFEST_FILE
from actorstance.dataset.manifest import folder_files, verify_manifest
from actorstance.errors import DatasetError


@dataclass(frozen=True)
class PublishPlan:
    """What :func:`publish` would upload, after every offline check passed."""

    repo_id: str
    folder: Path
    version: str
    private: bool
    files: tuple[tuple[str, int], ...]   # (relative path, bytes), MANIFEST.json included
    configs: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"https://huggingface.co/datasets/{self.repo_id}"


def check_repo_id(repo_id: str) -> str:
    """Return ``repo_id`` if it is a valid ``OWNER/NAME``; else raise :class:`DatasetError`.

    The Hub's own rules (``huggingface_hub.utils.validate_repo_id``), and a namespace: a dataset is
    published under a user or an organisation."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        valid = repo_id.count("/") == 1 and validate_repo_id(repo_id) is None
    except HFValidationError:
        valid = False
    if not valid:
        raise DatasetError(f"--repo-id {repo_id!r} is not a valid Hub dataset id: expected OWNER/NAME with letters, "
                           "digits, '-', '_' or '.' (no '--' or '..', at most 96 characters). "
                           "Fix: pass e.g. --repo-id my-org/actorstance.")
    return repo_id


def plan_publish(folder: str | Path, repo_id: str, *, private: bool = False) -> PublishPlan:
    """Validate ``folder`` for upload to ``repo_id`` without any network access."""
    folder = Path(folder)
    check_repo_id(repo_id)
    read_card_metadata(folder)
    manifest = verify_manifest(folder)
    if manifest is None:
        raise DatasetError(f"{folder}: no {MANIFEST_FILE}, so its files cannot be checked. "
                           "Fix: build the folder with `actorstance build`.")
    files = tuple((rel, (folder / rel).stat().st_size) for rel in sorted([*folder_files(folder), MANIFEST_FILE]))
    return PublishPlan(repo_id=repo_id, folder=folder, version=str(manifest.get("version")), private=private,
                       files=files, configs=tuple(card_configs(folder)))


def publish(plan: PublishPlan) -> str:
    """Create the dataset repository if needed and upload the planned files; return the commit URL."""
    from huggingface_hub import HfApi, get_token
    from huggingface_hub.errors import HfHubHTTPError

    if get_token() is None:
        raise DatasetError("no Hugging Face token found. Fix: run `hf auth login` or set HF_TOKEN (a token with "
                           "write access), or use --dry-run to check the folder only.")
    api = HfApi()
    try:
        api.create_repo(plan.repo_id, repo_type="dataset", private=plan.private, exist_ok=True)
        commit = api.upload_folder(folder_path=plan.folder, repo_id=plan.repo_id, repo_type="dataset",
                                   allow_patterns=[rel for rel, _ in plan.files],
                                   commit_message=f"actorstance dataset {plan.version}")
    except HfHubHTTPError as err:
        raise DatasetError(f"upload to {plan.url} failed: {err}. Fix: check the token's write access to "
                           f"'{plan.repo_id}' and your connection.") from None
    except Exception as err:  # noqa: BLE001 - the Hub client's network errors (no network, DNS, offline mode)
        text = str(err).strip().splitlines()
        raise DatasetError(f"upload to {plan.url} failed: cannot reach the Hub ({type(err).__name__}"
                           f"{': ' + text[0][:200] if text else ''}). Fix: check your connection (and that "
                           "HF_HUB_OFFLINE is not set), or use --dry-run to check the folder only.") from None
    return str(getattr(commit, "commit_url", commit))

