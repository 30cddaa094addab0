"""Every exception and warning the library raises, in one place.

A user-facing error says *where* (file, line or JSON path, id), *what* was expected, what came
instead, and *how to fix it*. Library code raises these; the CLI turns them into a message on
stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from actorstance.plural import plural


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in an input, located precisely.

    ``where`` is the file (with ``:LINE`` when the input is line-based), ``path`` the JSON path
    or record id inside it ("" when the whole file is concerned).

    >>> str(Problem("a.json", "stances[0].label", "unknown label 'pos'", "use one of: positive"))
    "a.json: stances[0].label: unknown label 'pos'. Fix: use one of: positive."
    """

    where: str
    path: str
    message: str
    fix: str

    def __str__(self) -> str:
        location = f"{self.where}: {self.path}" if self.path else self.where
        return f"{location}: {self.message}. Fix: {self.fix}."


class ActorstanceError(Exception):
    """Base class of every error the library raises on bad input or state.

    Its message says where, what was expected, what came and how to fix it; the CLI prints it
    and exits with code 1.

    Example
    -------
    >>> from actorstance import load_split
    >>> try:
    ...     load_split("no/such/folder")
    ... except ActorstanceError as err:
    ...     print(str(err)[:48])
    no/such/folder: does not exist, so it is not a b
    """


class ProblemsError(ActorstanceError):
    """An input had one or more problems; all of them are listed, not only the first."""

    #: what kind of input the problems are in, used in the summary line
    subject = "input"

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], *, omitted: int = 0):
        self.problems = tuple(problems)
        #: problems found but not kept (see :class:`actorstance.problems.ProblemList`)
        self.omitted = omitted
        super().__init__(self._render())

    def _render(self) -> str:
        n = len(self.problems) + self.omitted
        head = f"{plural(n, 'problem')} in {self.subject}"
        head += f" (the first {len(self.problems)} shown):" if self.omitted else ":"
        lines = [head, *(f"  {p}" for p in self.problems)]
        if self.omitted:
            lines.append(f"  ... and {plural(self.omitted, 'more problem')}; "
                         "fix these first, then run again to see the rest")
        return "\n".join(lines)


class AnnotationError(ProblemsError):
    """An annotation file does not follow the schema or does not match its text."""

    subject = "annotations"


class PredictionsError(ProblemsError):
    """A predictions file does not match the split it is scored against."""

    subject = "predictions"


class ImportFormatError(ProblemsError):
    """A corpus being imported (e.g. SEESAW) has malformed records."""

    subject = "the imported corpus"


class CorpusInfoError(ProblemsError):
    """An annotations folder's ``corpus.json`` (name, licence, citation of the corpus) is invalid."""

    subject = "corpus metadata"


class InputError(ProblemsError):
    """A JSON or JSONL input cannot be read: file-system problem, size or nesting limit, encoding,
    syntax or duplicate keys (:mod:`actorstance.inputs`)."""

    subject = "the input"


class DocumentOrderError(ValueError):
    """Documents did not come in :func:`actorstance.annotations.document_order` (a reader that
    relied on their file names for the order starts again in the order their ``doc_id`` s give)."""


class DatasetError(ActorstanceError):
    """A dataset folder is missing, stale, inconsistent, or cannot be built."""


class LeakageError(DatasetError):
    """The leakage audit found a model-input column whose form gives the label away."""


class PairIdError(ActorstanceError):
    """Two different pairs of one document would get the same pair id (:func:`actorstance.convert.pair_id`)."""


class ModelSpecError(ActorstanceError):
    """A ``--model`` spec does not name a usable model."""


class ModelError(ActorstanceError):
    """A model broke the model protocol (wrong number of predictions, unknown labels...)."""


class LexiconError(ProblemsError):
    """A stance lexicon file (the ``lexicon`` baseline's cue words) is malformed."""

    subject = "the stance lexicon"


class TrainSpecError(ActorstanceError):
    """A ``--train DATASET[:CONFIG:SPLIT]`` value cannot be parsed."""


class AgreementError(ProblemsError):
    """Annotation folders cannot be compared for agreement, or an ``agreement.json`` is invalid."""

    subject = "the agreement study"


class TextError(ActorstanceError):
    """A text to annotate cannot be read, or a surface to locate does not occur in it."""


class OutputError(ActorstanceError):
    """An output path cannot be written safely (e.g. a folder to replace holds files that are not ours)."""


class SingleClassWarning(UserWarning):
    """A model was trained on pairs of a single label and predicts that label for every pair.

    :func:`actorstance.models.training.run_protocol` silences it and says so in the protocol's
    description instead.
    """


class UserModelError(ModelError):
    """A user's model raised, exited or returned something unusable in ``fit`` or ``predict``
    (:mod:`actorstance.models.guard`); the model's own exception is kept as ``__cause__``."""


class ActorstanceWarning(UserWarning):
    """Base class of warnings the CLI prints as ``Warning: ...`` on stderr."""


class OutputRecoveredWarning(ActorstanceWarning):
    """An output left half-replaced by a killed run was restored, or a backup was kept for the user."""


class LLMError(ActorstanceError):
    """An OpenAI-compatible server could not be used: unreachable, key refused, unknown model, bad
    request, or still failing after every retry. Messages never hold the API key."""


class PromptTemplateError(ActorstanceError):
    """A prompt template file is unreadable or uses a placeholder that is not a model input."""
