"""SEESAW (Zhang, Beauchamp & Wang, EMNLP 2022) → canonical annotation files: the mapping rules.

Why one module of ~370 lines: it holds SEESAW's mapping rules, one small function per rule of
docs/importing-seesaw.md, so that the document and the code can be read side by side.

:mod:`actorstance.importers.seesaw_format` reads and checks a checkout; this module maps each
article to an :class:`~actorstance.schema.Annotation` (``docs/importing-seesaw.md`` explains every rule):

* **text** — the sentences joined by a blank line plus a final newline: every sentence starts a
  paragraph, offsets are exact, and a stance's ``scope`` and ``evidence`` are its sentence
  (stripped of surrounding whitespace). The title is kept in ``metadata`` only.
* **actors** — one per entity of the entity lists, id = slug of the name (``_2``... on clashes);
  type = the majority of the annotators' types after mapping, ties by :data:`TYPE_TIE_ORDER`.
  Subjects/objects ``None`` and ``Not in the list`` become the per-document placeholder actors
  ``seesaw:none`` and ``seesaw:not_in_list`` (type ``other``), so every triplet counts.
* **stances** — one per (sentence, subject, object): agreeing triplets merge; conflicting ones
  take the label of more annotators; a tie is skipped. Every skipped triplet is counted.
* **mentions** — exact, case-sensitive, word-bounded matches of an entity's name in each
  sentence; for persons also the last name token, unless another person shares it, it is
  another entity's name, or it overlaps a full-name match. A match inside a longer one (one
  entity's name inside another's) is dropped: mentions never overlap (codebook M5).

>>> report = import_seesaw("../shared/seesaw", "out/seesaw")  # doctest: +SKIP
>>> report.records, report.stances, report.accounted  # doctest: +SKIP
(10619, 10616, True)
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import replace
from pathlib import Path

from actorstance.atomic import check_output_dir
from actorstance.corpus import Change, CorpusInfo, Creator
from actorstance.importers.ids import slug, unique_slug
from actorstance.importers.output import ImportedDocument, text_ref, write_by_annotator, write_imported
from actorstance.importers.report import ImportReport
from actorstance.importers.seesaw_format import NO_ENTITY, NOT_IN_LIST, SPLITS, SeesawArticle, SeesawEntity, read_seesaw
from actorstance.release import RELEASE_DATE
from actorstance.schema import (
    GUIDELINE_VERSION, SCHEMA_VERSION, Actor, Annotation, Annotator, Mention, Source, Span, Stance)

FORMAT = "seesaw"
ANNOTATORS_FORMAT = "seesaw-annotators"
CORPUS = "SEESAW"
CORPUS_LICENSE = "CC BY-NC-SA 4.0"
SENTENCE_SEPARATOR = "\n\n"
#: Order that breaks a tie between the annotators' (mapped) types of an entity.
TYPE_TIE_ORDER = ("person", "organisation", "government", "other")
#: Placeholder actors for the subject/object literals that name no listed entity: literal → (id, name).
PLACEHOLDER_ACTORS = {NO_ENTITY: ("seesaw:none", "None"), NOT_IN_LIST: ("seesaw:not_in_list", "Not in the list")}
#: Tokens skipped when taking a person's last name token ("Martin Luther King Jr." → "King").
NAME_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})

IMPORT_ANNOTATOR = Annotator(
    id="seesaw-import", kind="import", name="actorstance SEESAW importer",
    note=f"Converted from {CORPUS} (Zhang, Beauchamp & Wang, EMNLP 2022; {CORPUS_LICENSE}) by the rules of "
         "docs/importing-seesaw.md; SEESAW was annotated under its own guideline (paper, Appendix A), not this codebook.")

#: What the card of a dataset built from an import says about SEESAW (written as corpus.json).
#: Title, authors, venue and homepage as SEESAW's repository README gives them.
SEESAW_CORPUS = CorpusInfo(
    name="actorstance-seesaw",
    pretty_name="SEESAW in actorstance format: directed entity-to-entity stance in news",
    version="2.0.0",  # of the conversion, by docs/dataset.md's scheme: MAJOR when rows change meaning
    changelog=(Change(version="2.0.0", date="2026-12-01",
                      change="Label-independent model inputs (actorstance issue 12): opaque pair ids of one shape, "
                             "`DOC/` and 16 digits hashed from the actor ids and the sentence (were "
                             "`DOC/SOURCE->TARGET@START-END` on annotated rows only); `none` candidates made per "
                             "sentence with the sentence as context, like the annotated rows; the sentence offsets "
                             "in the analysis column `scope`. Predictions keyed by 1.x ids no longer match."),
               Change(version="1.0.0", date=RELEASE_DATE,
                      change="First conversion of SEESAW by `actorstance import seesaw` (rules: docs/importing-seesaw.md of "
                             "the actorstance repository): its articles, its story split as `train`/`validation`/"
                             "`test`, configs `pairs` and `candidates`."),),
    description="SEESAW (Zhang, Beauchamp & Wang, EMNLP 2022) is a corpus of sentence-level, directed "
                "entity-to-entity stance in news: news stories, each covered by three articles of different "
                "ideological leanings, whose sentences annotators labelled with (subject, positive or negative, "
                "object) triplets. This dataset is SEESAW converted by `actorstance import seesaw` (rules in "
                "docs/importing-seesaw.md of the actorstance repository), so that the actorstance baselines and evaluation "
                "run on it unchanged. SEESAW has no neutral label: its annotated pairs are all `positive` or "
                "`negative`.",
    license="cc-by-nc-sa-4.0", license_name=CORPUS_LICENSE,
    license_url="https://creativecommons.org/licenses/by-nc-sa/4.0/",
    homepage="https://github.com/launchnlp/SEESAW",
    creators=tuple(Creator(kind="person", name=n) for n in ("Xinliang Frederick Zhang", "Nicholas Beauchamp",
                                                            "Lu Wang")),
    citation="@inproceedings{zhang-etal-2022-seesaw,\n"
             "  title     = {Generative Entity-to-Entity Stance Detection with Knowledge Graph Augmentation},\n"
             "  author    = {Zhang, Xinliang Frederick and Beauchamp, Nicholas and Wang, Lu},\n"
             "  booktitle = {Proceedings of the 2022 Conference on Empirical Methods in Natural Language "
             "Processing, {EMNLP} 2022},\n"
             "  year      = {2022},\n"
             "  publisher = {Association for Computational Linguistics},\n"
             "  url       = {https://aclanthology.org/2022.emnlp-main.676/},\n"
             "}",
    copyright="SEESAW's annotations and texts are distributed by its authors under CC BY-NC-SA 4.0. This dataset "
              "is derived from them (converted stances, actor ids, mention offsets, contexts) and is shared under "
              "the same licence: attribute SEESAW (see 'How to cite'), use it non-commercially, and share what "
              "you derive from it under the same licence. The article text quoted in `context` and `evidence` "
              "was written by the outlets that published it; its copyright belongs to them.",
    annotation="The labels are SEESAW's, converted by `actorstance import seesaw` (rules: docs/importing-seesaw.md of the "
               "actorstance repository): SEESAW's annotators labelled (subject, POS/NEG, object) triplets per "
               "sentence under SEESAW's own guideline (Zhang et al. 2022, Appendix A), not the actorstance "
               "codebook. The text is the article's sentences joined by blank lines; a stance's scope and "
               "evidence are its sentence; mentions are exact matches of the entity names (SEESAW gives no "
               "offsets); `explicit` is always true (SEESAW does not mark it); triplets of one pair in one "
               "sentence are merged, disagreeing ones take the label of more annotators, and ties are left out",
)


def import_seesaw(path: str | Path, output: str | Path) -> ImportReport:
    """Import the SEESAW checkout at ``path`` into the folder ``output`` (replaced atomically)."""
    check_output_dir(output, command="import", inputs=[path])
    articles = read_seesaw(path)
    report = ImportReport(format=FORMAT, source=str(path), output=str(output))
    docs = [map_article(article, report) for article in articles]
    write_imported(docs, output, corpus=SEESAW_CORPUS, source=path)
    return report


def import_seesaw_annotators(path: str | Path, output: str | Path) -> ImportReport:
    """Import each SEESAW annotator's own version of the articles they annotated into ``output/seesaw-<X>/``.

    The merged import (:func:`import_seesaw`) keeps one stance per pair and sentence and resolves
    disagreements by majority; this one keeps every annotator's triplets apart, for measuring
    agreement (``actorstance agree OUTPUT/seesaw-A OUTPUT/seesaw-B ...``). Every version of an
    article has the same text, actors (ids, names, majority types) and mentions as the merged
    import, so versions compare pair by pair; only the stances differ. An annotator's version holds
    the articles in which they listed an entity or made a triplet; two triplets of one annotator for
    the same pair and sentence merge (same label) or are skipped (different labels, ``tied_conflict``).
    """
    check_output_dir(output, command="import", inputs=[path])
    articles = read_seesaw(path)
    report = ImportReport(format=ANNOTATORS_FORMAT, source=str(path), output=str(output))
    versions: dict[str, list[ImportedDocument]] = {}
    for article in articles:
        for letter in sorted(article_annotators(article)):
            own = replace(
                article,
                entities=tuple(replace(e, annotators=(letter,)) for e in article.entities),
                triplets=tuple(replace(t, annotators=(letter,)) for t in article.triplets if letter in t.annotators))
            doc = map_article(own, report)
            doc.annotation.metadata["seesaw_annotator"] = letter
            folder = f"seesaw-{letter}"
            versions.setdefault(folder, []).append(doc)
            report.annotator_documents[folder] = report.annotator_documents.get(folder, 0) + 1
    write_by_annotator(versions, output, corpus=SEESAW_CORPUS, source=path)
    return report


def article_annotators(article: SeesawArticle) -> set[str]:
    """The letters of the annotators who listed an entity or made a triplet in ``article``."""
    return {a for e in article.entities for a in e.annotators} | {a for t in article.triplets for a in t.annotators}


def map_article(article: SeesawArticle, report: ImportReport) -> ImportedDocument:
    """Map one checked SEESAW article to a canonical annotation; add its counts to ``report``."""
    text, scopes = assemble_text(article.sentences)
    actors, actor_of = _actors(article, report)
    types = {a.id: a.type for a in actors}
    mentions = _mentions(text, scopes, article.entities, actor_of, types)
    stances = _stances(article, actor_of, text, scopes, mentions, report)
    letters = sorted(article_annotators(article))
    annotation = Annotation(
        schema_version=SCHEMA_VERSION, doc_id=article.doc_id, text=text_ref(article.doc_id, text), language="en",
        guideline_version=GUIDELINE_VERSION,
        annotators=[IMPORT_ANNOTATOR, *(Annotator(id=f"seesaw-{x}", kind="human", name=f"SEESAW annotator {x}",
                                                  note="SEESAW annotation guideline (Zhang et al. 2022, Appendix A)")
                                        for x in letters)],
        source=Source(outlet=article.article_meta.get("source"), url=article.article_meta.get("url")),
        metadata=_metadata(article), actors=actors, mentions=mentions, stances=stances)
    split = SPLITS[article.split]
    report.documents += 1
    report.actors += len(actors)
    report.mentions += len(mentions)
    report.stances += len(stances)
    report.split_documents[split] = report.split_documents.get(split, 0) + 1
    report.split_stances[split] = report.split_stances.get(split, 0) + len(stances)
    return ImportedDocument(annotation=annotation, text=text, split=split)


def assemble_text(sentences: tuple[str, ...]) -> tuple[str, list[tuple[int, int] | None]]:
    """The document text and each sentence's ``(start, end)`` without surrounding whitespace (None if blank).

    >>> assemble_text(("A b.", "", " C."))
    ('A b.\\n\\n\\n\\n C.\\n', [(0, 4), None, (9, 11)])
    """
    parts, scopes, pos = [], [], 0
    for i, sentence in enumerate(sentences):
        if i:
            parts.append(SENTENCE_SEPARATOR)
            pos += len(SENTENCE_SEPARATOR)
        core = sentence.strip()
        lead = len(sentence) - len(sentence.lstrip())
        scopes.append((pos + lead, pos + lead + len(core)) if core else None)
        parts.append(sentence)
        pos += len(sentence)
    return "".join(parts) + "\n", scopes


def majority_type(entity: SeesawEntity) -> tuple[str, bool]:
    """The type most annotators gave (after mapping), and whether a tie was broken by :data:`TYPE_TIE_ORDER`."""
    counts = Counter(entity.types)
    best = max(counts.values())
    winners = [t for t in TYPE_TIE_ORDER if counts.get(t) == best]
    return winners[0], len(winners) > 1


def _count(table: dict[str, int], key: str, n: int = 1) -> None:
    if n:
        table[key] = table.get(key, 0) + n


def _actors(article: SeesawArticle, report: ImportReport) -> tuple[list[Actor], dict[str, str]]:
    actors, actor_of, used = [], {}, set()
    for entity in article.entities:
        aid = unique_slug(entity.name, used)
        actor_type, tie = majority_type(entity)
        _count(report.mapped, "entity_type_tie", tie)
        actors.append(Actor(id=aid, name=entity.name, type=actor_type))
        actor_of[entity.name] = aid
    cited = {name for t in article.triplets for name in (t.subject, t.object)}
    for literal, (aid, name) in PLACEHOLDER_ACTORS.items():
        if literal in cited:
            actors.append(Actor(id=aid, name=name, type="other"))
            actor_of[literal] = aid
            _count(report.mapped, "placeholder_actors")
    return actors, actor_of


def last_name(name: str) -> str | None:
    """A person's last name token, or None when the name is one token or the token is not capitalised.

    >>> last_name("Anna Berg"), last_name("Martin Luther King Jr."), last_name("Madonna")
    ('Berg', 'King', None)
    """
    tokens = name.split()
    while tokens and tokens[-1] in NAME_SUFFIXES:
        tokens.pop()
    token = tokens[-1].strip(",") if len(tokens) >= 2 else ""
    return token if len(token) > 1 and token[0].isupper() else None


def word_matches(text: str, phrase: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every case-sensitive occurrence of ``phrase`` not inside a longer word.

    A word character is what ``re``'s ``\\w`` matches (``str.isalnum()`` or ``_``), on both sides.

    >>> word_matches("Berg, Bergman and Berg.", "Berg")
    [(0, 4), (18, 22)]
    """
    found, n, i = [], len(phrase), text.find(phrase)
    while i != -1:
        j = i + n
        if (i == 0 or not _is_word(text[i - 1])) and (j == len(text) or not _is_word(text[j])):
            found.append((i, j))
            i = text.find(phrase, j)
        else:
            i = text.find(phrase, i + 1)
    return found


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _mentions(text: str, scopes: list[tuple[int, int] | None], entities: tuple[SeesawEntity, ...],
              actor_of: dict[str, str], types: dict[str, str]) -> list[Mention]:
    names = {e.name for e in entities}
    persons = [e.name for e in entities if types[actor_of[e.name]] == "person"]
    shared = Counter(last_name(n) for n in persons)
    short_forms = {n: s for n in persons if (s := last_name(n)) and shared[s] == 1 and s not in names}
    sentences = [scope for scope in scopes if scope is not None]
    starts = [s for s, _ in sentences]

    def sentence_of(start: int, end: int) -> int | None:
        i = bisect.bisect_right(starts, start) - 1
        return i if i >= 0 and end <= sentences[i][1] else None

    full: dict[int, list[tuple[int, int, str]]] = {}
    for entity in entities:
        for s, e in word_matches(text, entity.name):
            if (i := sentence_of(s, e)) is not None:
                full.setdefault(i, []).append((s, e, actor_of[entity.name]))
    found = {m for matches in full.values() for m in matches}
    for name, short in short_forms.items():
        for s, e in word_matches(text, short):
            i = sentence_of(s, e)
            if i is not None and not any(s < fe and fs < e for fs, fe, _ in full.get(i, ())):
                found.add((s, e, actor_of[name]))
    kept = outermost(found)
    return [Mention(id=f"m{i}", actor=aid, start=s, end=e, text=text[s:e])
            for i, (s, e, aid) in enumerate(kept, start=1)]


def outermost(matches) -> list[tuple[int, int, str]]:
    """The matches that lie inside no longer match, in text order: mentions never overlap (codebook M5).

    One entity's name inside another's ("Nordland" in "Nordland Farmers League") is not a mention;
    of two matches that cross, the earlier (then the longer) is kept.

    >>> outermost({(0, 8, "nordland"), (0, 23, "league"), (30, 38, "nordland")})
    [(0, 23, 'league'), (30, 38, 'nordland')]
    """
    kept: list[tuple[int, int, str]] = []
    for s, e, aid in sorted(matches, key=lambda m: (m[0], -(m[1] - m[0]), m[2])):
        if not kept or s >= kept[-1][1]:
            kept.append((s, e, aid))
    return kept


def _stances(article: SeesawArticle, actor_of: dict[str, str], text: str, scopes: list[tuple[int, int] | None],
             mentions: list[Mention], report: ImportReport) -> list[Stance]:
    groups: dict[tuple[int, str, str], list] = {}
    for t in article.triplets:  # sorted by (sentence, id)
        report.records += 1
        for role, literal in (("subject", t.subject), ("object", t.object)):
            if literal in PLACEHOLDER_ACTORS:
                _count(report.mapped, f"{role}_{slug(literal)}_to_placeholder")
        groups.setdefault((t.sentence, actor_of[t.subject], actor_of[t.object]), []).append(t)
    stances = []
    for (sentence, source, target), group in groups.items():
        if source == target:
            _count(report.skipped, "self_stance", len(group))
            continue
        votes: dict[str, set[str]] = {}
        for t in group:
            votes.setdefault(t.label, set()).update(t.annotators)
        ranked = sorted(votes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1]):
            _count(report.skipped, "tied_conflict", len(group))
            continue
        label = ranked[0][0]
        kept = [t for t in group if t.label == label]
        _count(report.skipped, "merged_duplicate", len(kept) - 1)
        _count(report.skipped, "outvoted_conflict", len(group) - len(kept))
        start, end = scopes[sentence]
        span = Span(start=start, end=end, text=text[start:end])
        cited = [m.id for m in mentions if start <= m.start and m.end <= end and m.actor in (source, target)]
        _coverage(report, actor_of, group[0], {m.actor for m in mentions if m.id in cited})
        stances.append(Stance(
            id=f"s{sentence}.{kept[0].id}", source=source, target=target, label=label, explicit=True,
            evidence=[span], mentions=cited, scope=span, annotators=[f"seesaw-{a}" for a in sorted(votes[label])],
            note=_group_note(group, votes) if len(group) > 1 else None))
    return stances


def _coverage(report: ImportReport, actor_of: dict[str, str], triplet, mentioned: set[str]) -> None:
    listed = {role: name not in PLACEHOLDER_ACTORS for role, name in
              (("source", triplet.subject), ("target", triplet.object))}
    found = {"source": actor_of[triplet.subject] in mentioned, "target": actor_of[triplet.object] in mentioned}
    for role in ("source", "target"):
        _count(report.coverage, f"{role}_listed", listed[role])
        _count(report.coverage, f"{role}_mentioned_in_sentence", listed[role] and found[role])
    _count(report.coverage, "both_listed", all(listed.values()))
    _count(report.coverage, "both_mentioned_in_sentence", all(listed.values()) and all(found.values()))


def _group_note(group: list, votes: dict[str, set[str]]) -> str:
    ids = ", ".join(f"{t.sentence}.{t.id}" for t in group)
    if len(votes) == 1:
        return f"merged from SEESAW triplets {ids} (same label)"
    tally = "; ".join(f"{label}: {', '.join(sorted(who))}" for label, who in sorted(votes.items()))
    return f"merged from SEESAW triplets {ids} (annotators {tally}; majority label kept)"


def _metadata(article: SeesawArticle) -> dict[str, str]:
    meta = {
        "corpus": CORPUS, "corpus_license": CORPUS_LICENSE, "corpus_split": article.split,
        "story_id": article.story, "article_index": str(article.index), "title": article.title,
        "explicit": "not annotated by SEESAW; every imported stance has explicit=true",
        **article.story_meta,
    }
    if "bias_label" in article.article_meta:
        meta["allsides_bias_label"] = article.article_meta["bias_label"]
    return meta
