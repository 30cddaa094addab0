"""The polarity word list of ``cue-stack``: a ``lemma/polarity/inflect`` TSV, expanded to word forms."""

from __future__ import annotations

import re
from pathlib import Path

from actorstance.errors import LexiconError, Problem
from actorstance.models.baselines.lexicon import load_lexicon
from actorstance.package_data import read_resource_text

#: The polarity word list shipped with the package (in ``actorstance/resources/``).
POLARITY_RESOURCE = "cue-stack-polarity.tsv"
POLARITIES = {"positive": 1, "negative": -1}


def inflections(lemma: str) -> set[str]:
    """The lemma and its regular -s, -ed and -ing forms (both spellings after a consonant-vowel-consonant end).

    >>> sorted(inflections("slam"))
    ['slam', 'slamed', 'slaming', 'slammed', 'slamming', 'slams']
    """
    forms = {lemma}
    if re.search(r"(s|x|z|ch|sh)$", lemma):
        forms.add(lemma + "es")
    elif re.search(r"[^aeiou]y$", lemma):
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma + "ing" if lemma.endswith("ee") else lemma[:-1] + "ing"}
    elif re.search(r"[^aeiou]y$", lemma):
        forms |= {lemma[:-1] + "ied", lemma + "ing"}
    else:
        forms |= {lemma + "ed", lemma + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def load_polarity_lexicon(path: str | Path | None = None, *, stance_cues: bool = True) -> dict[str, int]:
    """Lower-cased word form → +1 (positive) or -1 (negative), from a ``lemma/polarity/inflect`` TSV.

    ``None`` reads the packaged ``cue-stack-polarity.tsv``; ``stance_cues`` adds the single-word
    positive and negative cues of the packaged ``stance-lexicon-v1.json`` (the TSV wins a clash).
    Every problem is reported at once as a :class:`~actorstance.errors.LexiconError`.

    >>> load_polarity_lexicon()["condemned"]
    -1
    """
    where, text = read_resource_text(path, POLARITY_RESOURCE, what="polarity TSV file")
    words: dict[str, int] = {}
    problems: list[Problem] = []
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.startswith("#")]
    if not lines or lines[0][1].split("\t") != ["lemma", "polarity", "inflect"]:
        raise LexiconError([Problem(where, "", "the first line that is not a comment must be the header "
                                    "'lemma<TAB>polarity<TAB>inflect'", "add that header line")])
    for n, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != 3 or not re.fullmatch(r"[a-z][a-z']*", cells[0]) or cells[1] not in POLARITIES \
                or cells[2] not in ("yes", "no"):
            problems.append(Problem(f"{where}:{n}", "", f"expected a lower-case word, positive|negative and "
                                    f"yes|no separated by tabs, got {line!r}", "fix the line"))
            continue
        for form in inflections(cells[0]) if cells[2] == "yes" else {cells[0]}:
            words.setdefault(form, POLARITIES[cells[1]])
    if problems:
        raise LexiconError(problems)
    if stance_cues:
        for form, (polarity, _) in sorted(load_lexicon().cues.items()):
            if len(form) == 1 and polarity in POLARITIES:
                words.setdefault(form[0], POLARITIES[polarity])
    return words
