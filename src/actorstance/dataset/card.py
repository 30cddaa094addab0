"""The dataset card (``README.md``): YAML metadata the Hub and ``load_dataset`` read, and a
datasheet body for people. Rendered from :class:`~actorstance.dataset.facts.DatasetFacts`
alone, deterministically (fixed key order, no dates from the clock): name, licence, citation and
the corpus statements from its ``corpus`` (:mod:`actorstance.corpus`), every count and
limitation from the documents.

The metadata is made with the libraries' public card APIs: ``huggingface_hub.DatasetCardData``
and ``DatasetCard``, ``datasets``' ``MetadataConfigs`` (``configs``) and ``DatasetInfosDict``
(``dataset_info``); the card lists configs in :data:`~actorstance.dataset.layout.CONFIGS` order,
default first. Reading a card back is :mod:`actorstance.dataset.card_reader`.
"""

from __future__ import annotations

from dataclasses import replace

from actorstance.columns import ANALYSIS_COLUMNS, COLUMN_DESCRIPTIONS, COLUMNS, LABEL_COLUMN, MODEL_INPUT_COLUMNS
from actorstance.context import CONTEXT_RULE
from actorstance.dataset.datasheet import (
    agreement_statement, annotator_limitation, annotators_per_document, media_bias_use, outlets_statement,
    size_limitation, source_limitation)
from actorstance.dataset.documents import (DOCUMENT_COLUMN_DESCRIPTIONS, DOCUMENT_COLUMNS, GOLD_COLUMN,
                                           ORACLE_INPUT_COLUMNS, RAW_INPUT_COLUMNS)
from actorstance.dataset.document_file import CARD_DOCUMENT_LIMIT
from actorstance.dataset.facts import ConfigFacts, DatasetFacts
from actorstance.dataset.features import features_for
from actorstance.dataset.layout import (CONFIGS, CROISSANT_FILE, DOCUMENTS_CONFIG, MANIFEST_FILE, PROVENANCE_FILE,
                                        data_files_pattern)
from actorstance.escaping import markdown, markdown_fenced, markdown_prose, yaml_text
from actorstance.layout import SPLIT_NAMES
from actorstance.plural import plural
from actorstance.schema import GUIDELINE_VERSION

TASK_CATEGORIES = ("text-classification",)
TASK_IDS = ("multi-class-classification",)
TAGS = ("stance-detection", "directed-stance", "political-actors", "news", "relation-classification")
SUMMARY = ("Directed actor→actor stance in news: for each ordered pair of political actors in an article, "
           "is the source's stance towards the target positive, negative or neutral (and, among co-occurring "
           "pairs, is there any stance at all)?")
CONFIG_SUMMARY = {
    "pairs": "annotated stance pairs only (labels: {labels})",
    "candidates": "co-occurring actor pairs (mentions in a common paragraph) with their annotated stance or "
                  "`none`; in a sentence-scoped corpus one row per such pair and sentence unit (labels: {labels})",
    "documents": "one row per document: the text, the gold actors with aliases and mentions, and the gold "
                 "directed triplets (labels: {labels}), for end-to-end extraction (docs/extraction.md)",
}


def size_category(n: int) -> str:
    """The Hub's ``size_categories`` bucket of ``n`` rows."""
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "1M<n<10M"


#: Order of the card's metadata keys.
METADATA_ORDER = ("pretty_name", "license", "license_name", "license_link", "language", "multilinguality",
                  "task_categories", "task_ids", "size_categories", "tags", "configs", "dataset_info")


def card_metadata(facts: DatasetFacts):
    """The card's YAML metadata as ``huggingface_hub.DatasetCardData``."""
    from datasets import DatasetInfo, SplitDict, SplitInfo
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCardData

    configs, infos = {}, {}
    for config in facts.configs:
        configs[config.name] = {"data_files": [{"split": s.name, "path": data_files_pattern(config.name, s.name)}
                                               for s in config.splits],
                                **({"default": True} if config.name == CONFIGS[0] else {})}
        splits = SplitDict()
        for s in config.splits:
            splits.add(SplitInfo(name=s.name, num_bytes=s.num_bytes, num_examples=s.num_examples))
        infos[config.name] = DatasetInfo(config_name=config.name, features=features_for(config.name), splits=splits,
                                         dataset_size=sum(s.num_bytes for s in config.splits))
    languages = list(facts.languages)
    corpus = facts.corpus
    licence: dict = {"license": corpus.license}
    if corpus.license == "other":  # the Hub asks for these two then
        licence |= {"license_name": yaml_text(corpus.license_name), "license_link": yaml_text(corpus.license_url)}
    data = DatasetCardData(
        pretty_name=yaml_text(corpus.pretty_name), **licence, language=languages,
        multilinguality="monolingual" if len(languages) == 1 else "multilingual",
        task_categories=list(TASK_CATEGORIES), task_ids=list(TASK_IDS),
        size_categories=[size_category(max(c.num_examples for c in facts.configs))], tags=list(TAGS))
    MetadataConfigs(configs).to_dataset_card_data(data)
    DatasetInfosDict(infos).to_dataset_card_data(data)
    # both write configs sorted by name; the card lists them in CONFIGS order, the default first
    for key in ("configs", "dataset_info"):
        entries = data[key] if isinstance(data[key], list) else [data[key]]
        data[key] = sorted(entries, key=lambda entry: CONFIGS.index(entry["config_name"]))
    return data


def render_card(facts: DatasetFacts) -> str:
    """The whole ``README.md``: ``---`` YAML ``---`` then the datasheet."""
    from huggingface_hub import DatasetCard

    data = card_metadata(facts)
    yaml = data.to_yaml(original_order=[key for key in METADATA_ORDER if key in data])
    return str(DatasetCard(f"---\n{yaml}\n---\n\n{_body(facts)}"))


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _label_table(config: ConfigFacts) -> str:
    header = ["split", *config.label_names, "total", "documents"]
    rows = [[s.name, *(n for _, n in s.label_counts), sum(n for _, n in s.label_counts), len(s.documents)]
            for s in config.splits]
    return _table(header, rows)


def _types(counts: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{t} {n}" for t, n in counts) or "—"


def _markdown_facts(facts: DatasetFacts) -> DatasetFacts:
    """``facts`` with every string from data escaped for Markdown: names, outlets, URLs, notes and
    metadata as literal text (:func:`~actorstance.escaping.markdown`), the corpus's prose
    (description, copyright, changelog) as one paragraph with its inline Markdown but no HTML,
    block syntax or control characters (:func:`~actorstance.escaping.markdown_prose`)."""
    escaped: dict = {None: None}  # documents share outlets, annotators and metadata: each is escaped once

    def literal(value):
        if value not in escaped:
            escaped[value] = markdown(value)
        return escaped[value]

    def annotator(a):
        if a not in escaped:
            escaped[a] = replace(a, id=literal(a.id), kind=literal(a.kind), name=literal(a.name), note=literal(a.note))
        return escaped[a]

    docs = tuple(replace(
        d, outlet=literal(d.outlet), url=literal(d.url), author=literal(d.author), published=literal(d.published),
        annotators=tuple(map(annotator, d.annotators)),
        metadata=tuple((literal(k), literal(v)) for k, v in d.metadata)) for d in facts.documents)
    c = facts.corpus
    prose = {key: markdown_prose(getattr(c, key)) for key in ("description", "copyright", "annotation")
             if getattr(c, key, None) is not None}
    corpus = c.model_copy(update={
        **prose, "pretty_name": markdown(c.pretty_name), "license_name": literal(c.license_name),
        "changelog": [change.model_copy(update={"change": markdown_prose(change.change)}) for change in c.changelog]})
    return replace(facts, documents=docs, corpus=corpus)


def _body(facts: DatasetFacts) -> str:
    raw, facts = facts, _markdown_facts(facts)
    docs, corpus = facts.documents, facts.corpus
    annotators = facts.annotators
    has_train = any(d.split == "train" for d in docs)
    listed = len(docs) <= CARD_DOCUMENT_LIMIT  # above, the per-document tables are provenance.jsonl alone
    parts = [f"# {corpus.pretty_name}\n\nVersion {facts.version}. {SUMMARY}\n"]

    parts.append(f"## Motivation\n\n{corpus.description}\n")

    comp = [f"## Composition\n\n{plural(len(docs), 'document')} "
            f"({', '.join(facts.languages)}), {sum(d.actors for d in docs)} actors, "
            f"{sum(d.mentions for d in docs)} mentions, {sum(d.stances for d in docs)} annotated stances. "
            f"{plural(len(facts.configs), 'config').capitalize()}:\n"]
    for config in facts.configs:
        summary = CONFIG_SUMMARY[config.name].format(labels=", ".join(f"`{n}`" for n in config.label_names))
        comp.append(f"- `{config.name}`: {summary}.")
    for config in facts.configs:
        what = "Gold triplets" if config.name == DOCUMENTS_CONFIG else "Pairs"
        comp.append(f"\n{what} per label, config `{config.name}`:\n\n{_label_table(config)}")
        for s in config.splits:
            comp.append(f"\nActor types in `{config.name}`/`{s.name}`: sources {_types(s.source_types)}; "
                        f"targets {_types(s.target_types)}.")
    comp.append(f"\nActors per type (counted once per document): {_types(facts.actor_types)}.\n")
    if listed:
        comp.append(f"Documents (also in `{PROVENANCE_FILE}`, one JSON object per line):\n\n" + _table(
            ["doc_id", "split", "language", "outlet", "published", "characters", "actors", "mentions", "stances"],
            [[d.doc_id, d.split, d.language, d.outlet or "—", d.published or "—", d.characters, d.actors,
              d.mentions, d.stances] for d in docs]))
    else:
        comp.append(f"Per-document facts (split, language, outlet, publication date, url, author, the text's sha256, counts, "
                    f"annotators, provenance notes) of the {len(docs)} documents are in `{PROVENANCE_FILE}`, one JSON "
                    f"object per line in `doc_id` order; the card lists documents one by one only up to {CARD_DOCUMENT_LIMIT}.")
    parts.append("\n".join(comp) + "\n")

    parts.append("### Splits\n\nSplits are made by document, never by pair: pairs of one article share its text "
                 "and actors, so splitting pairs would leak. The mapping is the file `splits.json` next to the "
                 "annotations (`{doc_id: split}`, splits `train`, `validation`, `test`); the build refuses a "
                 "document missing from it or listed twice. " + _split_summary(facts) + "\n")

    parts.append("### Columns\n\nModel inputs are label-independent; the label is the answer; analysis columns "
                 "are provenance and must never be fed to a model.\n\n" + _table(
                     ["column", "role", "description"],
                     [[f"`{c}`", _role(c), COLUMN_DESCRIPTIONS[c]] for c in COLUMNS]))
    if any(c.name == DOCUMENTS_CONFIG for c in facts.configs):
        parts.append("Columns of `documents` (the `raw` extraction setting reads `doc_id` and `text`; "
                     "`oracle-actors` also reads the actors, aliases and mentions):\n\n" + _table(
                         ["column", "role", "description"],
                         [[f"`{c}`", _document_role(c), DOCUMENT_COLUMN_DESCRIPTIONS[c]] for c in DOCUMENT_COLUMNS]))
    parts.append("\n### Context rule\n\n`context` is chosen without looking at the label: " + CONTEXT_RULE +
                 ". The same rule "
                 "serves annotated and `none` pairs, so the context's length or position does not reveal the "
                 "label. `evidence`, by contrast, is the annotator's gold span: it is empty exactly for `none` "
                 "pairs and points at the answer otherwise, so it is for error analysis only.\n")

    prov = ["## Source text and provenance\n"]
    if corpus.homepage:
        prov.append(f"Source corpus: <{corpus.homepage}>; licence {corpus.license_name} (<{corpus.license_url}>).\n")
    prov.append(f"{outlets_statement(docs)} The texts are kept byte-identical to what was annotated; each "
                f"document's sha256 is {'below' if listed else f'in `{PROVENANCE_FILE}`'}.\n")
    if listed:
        prov.append(_table(["doc_id", "outlet", "url", "author", "text sha256"],
                           [[d.doc_id, d.outlet or "unknown", d.url or "unknown", d.author or "unknown",
                             f"`{d.text_sha256}`"] for d in docs]))
        notes = [f"- `{d.doc_id}`: " + "; ".join(f"{key}: {value}" for key, value in d.metadata)
                 for d in docs if d.metadata]
        if notes:
            prov.append("\nProvenance notes recorded with the annotations:\n\n" + "\n".join(notes))
    prov.append(f"\n**Copyright.** {corpus.copyright}\n")
    parts.append("\n".join(prov))

    guideline = corpus.annotation or (
        f"following the codebook `docs/annotation-guidelines.md` of the actorstance repository (guideline version "
        f"in this release: {', '.join(facts.guideline_versions)}; current codebook: {GUIDELINE_VERSION})")
    ann = ["## Annotation process\n\nOne JSON file per document records actors, their mentions (code-point "
           f"offsets) and directed stances with label, explicit/implied flag and evidence spans"
           f"{', ' if corpus.annotation is None else '. '}{guideline}. Files are validated against a strict schema "
           "and their texts before every build. `none` pairs are generated, not annotated: every ordered pair of "
           "actors mentioned in a common paragraph without an annotated stance.\n\nAnnotators:\n"]
    ann += [f"- `{a.id}` ({a.kind}{', ' + a.name if a.name else ''}){': ' + a.note if a.note else ''}"
            for a in annotators]
    ann.append(f"\n{annotators_per_document(docs, facts.agreement)}\n")
    if facts.agreement is not None:
        ann.append(f"{agreement_statement(facts.agreement)}\n")
    parts.append("\n".join(ann))

    uses = ["## Intended uses\n\n- Benchmarking directed actor→actor stance classifiers (pairs) and stance "
            "detection with abstention (`candidates`).\n- Error analysis of such models (with `evidence`, "
            "`explicit`)."]
    if has_train:
        tune = ", choosing settings on `validation`" if any(d.split == "validation" for d in docs) else ""
        uses.append(f"- Training such classifiers on `train`{tune}, and reporting scores on `test` only.\n")
    else:
        uses.append("- A worked example of the annotation format for people building larger corpora.\n")
    parts.append("\n".join(uses))
    parts.append("## Out-of-scope uses\n\n- Training or evaluating a model that reads `evidence`, `stance_id` or "
                 "`explicit` (they reveal the label).\n- Claims about real people or organisations beyond what "
                 "the quoted article says; the labels describe each article's framing, not facts.\n"
                 + media_bias_use(facts) + "- Commercial redistribution of the article text.\n"
                 + (f"- Any commercial use: the licence ({corpus.license_name}) is non-commercial.\n"
                    if corpus.non_commercial else ""))
    parts.append("## Known limitations\n\n" + size_limitation(facts) + source_limitation(docs)
                 + annotator_limitation(annotators, docs, facts.agreement) +
                 "- **Text provenance**: the article text's copyright belongs "
                 "to its publisher and its licence for redistribution is unknown; the text is included for "
                 "research. Remove the `context`/`evidence` columns (offsets and ids remain) if that is a "
                 "concern.\n- **`none` pairs** are a policy (co-occurrence in a paragraph), not annotator "
                 "judgements; a missed stance becomes a false `none`.\n")

    parts.append(f"## Loading\n\nFrom a local copy (offline):\n\n```python\nfrom datasets import load_dataset\n\n"
                 f"pairs = load_dataset(\"path/to/{corpus.name}\", \"pairs\")   # or \"candidates\"\n"
                 f"test = pairs[\"test\"]\nnames = test.features[\"label\"].names   # "
                 f"{list(facts.config(CONFIGS[0]).label_names)}\nprint(test[0][\"source\"], \"->\", test[0][\"target\"], "
                 "names[test[0][\"label\"]])\n```\n\nFrom the Hub, pass the repository id (`OWNER/NAME`) instead "
                 "of the path. Feed models only the model-input columns listed above.\n")
    parts.append("## Files and checksums\n\n" f"`{MANIFEST_FILE}` lists the sha256 and size of every file and the "
                 f"dataset version; `{CROISSANT_FILE}` holds the same facts as Croissant 1.0 metadata; "
                 f"`{PROVENANCE_FILE}` the per-document facts, one JSON object per document. The folder "
                 "is rebuilt byte-identically by `actorstance build` from the annotations.\n")
    cite = "\n".join(markdown_fenced(citation(raw), "bibtex"))
    parts.append(f"## How to cite\n\n{_citation_intro(corpus)}{cite}\n")
    parts.append("## Changelog\n\n" + "\n".join(f"- **{c.version}** ({c.date}): {c.change}"
                                               for c in corpus.changelog) + "\n")
    return "\n".join(parts)


def citation(facts: DatasetFacts) -> str:
    """The BibTeX entry to cite: the corpus's own, else one for this dataset version."""
    corpus = facts.corpus
    if corpus.citation is not None:
        return corpus.citation.strip()
    authors = " and ".join(f"{{{c.name}}}" if c.kind == "organization" else c.name for c in corpus.creators)
    return (f"@misc{{{corpus.name.replace('-', '_')}_{facts.version.replace('.', '_')},\n"
            f"  title  = {{{{{corpus.pretty_name}}}}},\n  author = {{{authors}}},\n"
            f"  year   = {{{corpus.changelog[0].date[:4]}}},\n  note   = {{Dataset version {facts.version}}},\n}}")


def _citation_intro(corpus) -> str:
    if corpus.citation is None:
        return ""
    return f"This dataset (version {corpus.version}) is converted from the corpus below; cite the corpus.\n\n"


def _split_summary(facts: DatasetFacts) -> str:
    splits = [d.split for d in facts.documents]
    per_split = {name: splits.count(name) for name in SPLIT_NAMES if name in splits}
    if "train" not in per_split:
        return "There is no `train` split: the data is for evaluation only."
    counts = ", ".join(f"`{s}` {n}" for s, n in per_split.items())
    return f"Documents per split: {counts}."


def _document_role(column: str) -> str:
    if column in RAW_INPUT_COLUMNS:
        return "model input"
    if column in ORACLE_INPUT_COLUMNS:
        return "model input (oracle-actors)"
    return "analysis only" if column == GOLD_COLUMN else "provenance"


def _role(column: str) -> str:
    if column in MODEL_INPUT_COLUMNS:
        return "model input"
    if column == LABEL_COLUMN:
        return "label"
    assert column in ANALYSIS_COLUMNS
    return "analysis only"
