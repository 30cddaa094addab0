"""The datasheet statements of the card that follow from the facts, not from ``corpus.json``:
sizes, sources, annotators, and which uses and limitations apply. One function per statement,
each returning Markdown (a bullet ends with a newline), so the card cannot claim what the
documents contradict — e.g. "no model can be trained on it" only without a ``train`` split.
"""

from __future__ import annotations

from collections import Counter

from actorstance.agreement.results import AgreementSummary
from actorstance.dataset.facts import AnnotatorFacts, DatasetFacts, DocumentFacts
from actorstance.dataset.layout import CONFIGS
from actorstance.plural import plural

Documents = tuple[DocumentFacts, ...]
Annotators = tuple[AnnotatorFacts, ...]


def size_limitation(facts: DatasetFacts) -> str:
    """Without a ``train`` split nothing can be trained on the data; with one, the pairs per split."""
    docs, pairs = facts.documents, facts.config(CONFIGS[0])
    if not any(d.split == "train" for d in docs):
        return (f"- **Size**: {plural(len(docs), 'document')} and {pairs.num_examples} annotated pairs; confidence "
                "intervals are wide and no model can be trained on it.\n")
    per_split = ", ".join(f"`{s.name}` {s.num_examples} from {plural(len(s.documents), 'document')}"
                          for s in pairs.splits)
    return (f"- **Size**: {plural(len(docs), 'document')} and {pairs.num_examples} annotated pairs ({per_split}). "
            "Scores on `test` vary with its documents: report them with confidence intervals over documents "
            "(`actorstance evaluate` does).\n")


def outlet_counts(docs: Documents) -> Counter:
    """Articles per recorded outlet; documents without an outlet are not counted (an unknown outlet may be
    any of them, or several)."""
    return Counter(d.outlet for d in docs if d.outlet)


def outlets_statement(docs: Documents) -> str:
    """The outlets line of the provenance section: the recorded outlets, and how many articles have none."""
    outlets, unknown = sorted(outlet_counts(docs)), sum(not d.outlet for d in docs)
    if not outlets:
        return "Outlet: not recorded." if len(docs) == 1 else f"Outlets: not recorded for any of the {len(docs)} articles."
    missing = f"; not recorded for {plural(unknown, 'article')}" if unknown else ""
    return f"Outlets: {', '.join(outlets)}{missing}."


def source_limitation(docs: Documents) -> str:
    """One article, or one recorded outlet for all: "Single source"; otherwise what is known of the sources.

    An article without a recorded outlet is never counted as an outlet of its own, so two articles of
    unknown origin are not called one outlet's style, nor two outlets."""
    counts, unknown = outlet_counts(docs), sum(not d.outlet for d in docs)
    if len(docs) == 1 or (len(counts) == 1 and not unknown):
        origin = f"from {next(iter(counts))}" if counts else "whose outlet is not recorded"
        return f"- **Single source**: {plural(len(docs), 'article')} {origin}; one outlet's style, topics and framing.\n"
    if not counts:
        return (f"- **Sources**: {plural(len(docs), 'article')} whose outlets are not recorded, so how many outlets, "
                "styles, topics and framings they cover is unknown.\n")
    top, n_top = min(counts.items(), key=lambda item: (-item[1], item[0]))
    outlets = f"{len(counts)} outlets, the most frequent ({top}) with {n_top}" if len(counts) > 1 else top
    if unknown:
        origin = f", {sum(counts.values())} from {outlets} and {unknown} whose outlet is not recorded"
    else:
        origin = f" from {outlets}"
    return (f"- **Sources**: {plural(len(docs), 'article')}{origin}; styles, topics and framings beyond them are "
            "not represented.\n")


def media_bias_use(facts: DatasetFacts) -> str:
    """Why the data does not measure media bias or opinion (an out-of-scope use)."""
    docs = facts.documents
    counts, unknown = outlet_counts(docs), any(not d.outlet for d in docs)
    single = len(docs) == 1 or (len(counts) == 1 and not unknown)
    if single and not any(d.split == "train" for d in docs):
        return ("- Measuring media bias or public opinion: the data is far too small and from a single "
                "source.\n")
    origin = "" if unknown else f" from {plural(len(counts), 'outlet')}"
    return (f"- Measuring media bias or public opinion: nothing makes these {plural(len(docs), 'article')}{origin} "
            "a representative sample of the news.\n")


def labellers(annotators: Annotators) -> list[AnnotatorFacts]:
    """The annotators who labelled: an importer is listed as an annotator (kind ``import``) but labelled nothing."""
    return [a for a in annotators if a.kind != "import"]


def annotators_per_document(docs: Documents, agreement: AgreementSummary | None = None) -> str:
    """Whether any document has several annotators (the closing line of "Annotation process")."""
    several = sum(len(labellers(d.annotators)) > 1 for d in docs)
    figure = "agreement between independent annotations is reported below" if agreement is not None else None
    if several == 0:
        one = len({a.id for d in docs for a in labellers(d.annotators)}) == 1
        return (f"Every document was annotated by {'a single annotator' if one else 'one of the annotators listed'}"
                f"; {figure or 'there is no inter-annotator agreement figure yet'}.")
    return (f"{several} of {plural(len(docs), 'document')} list more than one annotator; "
            f"{figure or 'this card records no inter-annotator agreement figure'}.")


def agreement_statement(agreement: AgreementSummary) -> str:
    """The agreement figures of ``agreement.json``, the two questions kept apart."""
    from actorstance.agreement.render import COEFFICIENT_NAMES, number, percent

    pairs, labels, explicit = agreement.pairs, agreement.labels, agreement.explicit
    coefficient = COEFFICIENT_NAMES[labels.coefficient]
    return (f"**Inter-annotator agreement** (`agreement.json`, measured by `actorstance agree` on "
            f"{plural(agreement.documents, 'document')} annotated independently in "
            f"{plural(len(agreement.folders), 'annotator folder')}): pair identification F1 {number(pairs.f1)} "
            "(directed pairs marked by one annotator and by the other, pooled over annotator pairs); on the "
            f"{plural(labels.items, 'pair')} marked by two or more, labels agree {percent(labels.observed)} "
            f"({coefficient} {number(labels.value)}) and explicit/implied {percent(explicit.observed)} "
            f"({coefficient} {number(explicit.value)}). The two figures answer different questions: which pairs "
            "carry a stance, and which stance.")


def annotator_limitation(annotators: Annotators, docs: Documents, agreement: AgreementSummary | None = None) -> str:
    """How many annotators, how many per document, and whether a model labelled."""
    people = labellers(annotators)
    n, several = len(people), sum(len(labellers(d.annotators)) > 1 for d in docs)
    study = (f"agreement measured on {plural(agreement.documents, 'document')} (see \"Annotation process\")"
             if agreement is not None else None)
    if several == 0:
        each = "" if n == 1 else ", one per document"
        line = (f"- **{'Single annotator' if n == 1 else 'Annotators'}**: {plural(n, 'annotator')}{each}, "
                f"{study or 'no adjudication or agreement study'}.")
    else:
        kinds = ", ".join(f"{c} {k}" for k, c in sorted(Counter(a.kind for a in people).items()))
        per_doc = Counter(min(len(labellers(d.annotators)), 2) for d in docs)
        have = {i: f"{per_doc[i]} {'has' if per_doc[i] == 1 else 'have'}" for i in (0, 1, 2)}
        counts = [f"{have[2]} more than one", f"{have[1]} one"] + ([f"{have[0]} none"] if per_doc[0] else [])
        line = (f"- **Annotators**: {plural(n, 'annotator')} ({kinds}); of {plural(len(docs), 'document')}, "
                f"{', '.join(counts[:-1])} and {counts[-1]}; {study or 'this card records no agreement study'}.")
    if any(a.kind == "model" for a in annotators):
        line += (" Labels were produced by a model (an LLM following the codebook) and no human review is "
                 "recorded: treat them as a silver standard.")
    return line + "\n"
