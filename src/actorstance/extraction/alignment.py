"""Align the actor names a system wrote to the gold actors of a document.

A predicted name is first **normalised** (:func:`normalise_name`), then looked up, tier by tier,
among the keys of the document's gold actors; the first tier with a match decides:

1. ``id`` — the exact actor id (``oracle-actors`` setting only: a ``raw`` system never sees ids);
2. ``name`` — the actor's canonical name;
3. ``alias`` — one of its aliases;
4. ``mention`` — the surface form of one of its mentions (pronouns left out);
5. ``surname`` — a one-word name equal to the last word of a person's name or alias.

**Ambiguity rule**: when the deciding tier matches more than one actor (two actors called
"Holm", a mention "the president" of two people), the name is *ambiguous* and aligned to none
of them — a system that wants credit must write a name that picks one actor. An ambiguous or
unmatched name counts as a wrong actor. The rule never guesses and never depends on order, so
the alignment is deterministic.

>>> normalise_name("President Vladimir Putin's")
'vladimir putin'
>>> normalise_name("the Kremlin")
'kremlin'
>>> normalise_name("Łukaszenka")
'lukaszenka'
>>> normalise_name("Belarusian President Alexander Lukashenko")
'alexander lukashenko'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Literal, Mapping, Sequence

Rule = Literal["id", "name", "alias", "mention", "surname", "ambiguous", "unmatched"]

#: Tiers in the order they are tried (see the module docstring).
TIERS: tuple[str, ...] = ("id", "name", "alias", "mention", "surname")

#: Words removed from the start of a name (repeatedly, with the articles), longest phrase first.
TITLES: tuple[str, ...] = tuple(sorted((
    "president", "vice president", "prime minister", "deputy prime minister", "premier", "chancellor",
    "minister", "foreign minister", "defence minister", "defense minister", "secretary", "secretary of state",
    "secretary general", "general", "gen", "colonel", "col", "commander", "mr", "mrs", "ms", "miss", "dr",
    "sir", "lord", "lady", "king", "queen", "prince", "princess", "senator", "sen", "rep", "representative",
    "governor", "mayor", "pope", "sheikh", "ayatollah", "spokesman", "spokeswoman", "spokesperson", "former",
    "leader", "chairman", "chairwoman", "chief", "head", "ambassador", "judge", "justice", "comrade",
), key=lambda t: (-len(t.split()), t)))
#: Leading articles removed with the titles.
ARTICLES: tuple[str, ...] = ("the", "a", "an")
#: Mention surface forms that never serve as a key: they name no one in particular.
PRONOUNS: frozenset[str] = frozenset({
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them",
    "their", "theirs", "themselves", "we", "us", "our", "ours", "i", "me", "my", "you", "your", "who", "whom",
    "whose", "which", "that", "this", "these", "those",
})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?=\s|$)")
_DROPPED = re.compile(r"[.']")
_SEPARATORS = re.compile(r"[^\w\s]|_")
_LEADING = re.compile(r"^(?:(?:" + "|".join(re.escape(w) for w in (*TITLES, *ARTICLES)) + r")\s+)+")
#: One or two qualifying words, then a title, then the name: "Belarusian President Alexander Lukashenko".
_QUALIFIED = re.compile(r"^(?:\S+\s+){1,2}?(?:" + "|".join(re.escape(w) for w in TITLES) + r")\s+(?=\S)")


def normalise_name(name: str) -> str:
    """The key a name is matched by: diacritics removed, case folded, possessive ``'s`` removed,
    dots and apostrophes dropped (``U.S.`` → ``us``), other punctuation turned into spaces, leading
    articles and titles removed (``the``, ``President``...), also after one or two qualifying words
    (``Kremlin spokesman Dmitry Peskov`` → ``dmitry peskov``), whitespace collapsed. A name made only
    of titles keeps them (``"the President"`` → ``"president"``)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u0142", "l").replace("\u0141", "L").replace("\u00f8", "o").replace("\u00d8", "O")
    text = text.casefold().translate(_APOSTROPHES)
    text = _POSSESSIVE.sub("", text)
    text = _DROPPED.sub("", text)
    text = " ".join(_SEPARATORS.sub(" ", text).split())
    stripped = _LEADING.sub("", text + " ").strip()
    if stripped:
        return _QUALIFIED.sub("", stripped, count=1)
    without_articles = re.sub(r"^(?:(?:the|a|an)\s+)+", "", text + " ").strip()
    return without_articles or text


@dataclass(frozen=True)
class GoldActor:
    """A gold actor as the aligner sees it."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()  # surface forms


@dataclass(frozen=True)
class Alignment:
    """Where one predicted name went: an actor id (or ``None``), the rule that decided, and for an
    ambiguous name the actors it could have meant."""

    name: str
    key: str
    actor_id: str | None
    rule: Rule
    candidates: tuple[str, ...] = ()


class Aligner:
    """The alignment index of one document's gold actors.

    >>> aligner = Aligner([GoldActor("putin", "Vladimir Putin", "person", ("Putin",))], ids=False)
    >>> aligner.align("President Putin's").actor_id
    'putin'
    """

    def __init__(self, actors: Iterable[GoldActor], *, ids: bool):
        self.actors = tuple(actors)
        self.ids = ids
        self._index: dict[str, dict[str, set[str]]] = {tier: {} for tier in TIERS}
        for actor in self.actors:
            self._add("id", actor.id, actor.id)
            self._add("name", normalise_name(actor.name), actor.id)
            for alias in actor.aliases:
                self._add("alias", normalise_name(alias), actor.id)
            for form in actor.mentions:
                key = normalise_name(form)
                if key not in PRONOUNS:
                    self._add("mention", key, actor.id)
            if actor.type == "person":
                for full in (actor.name, *actor.aliases):
                    words = normalise_name(full).split()
                    if len(words) > 1:
                        self._add("surname", words[-1], actor.id)

    def _add(self, tier: str, key: str, actor_id: str) -> None:
        if key:
            self._index[tier].setdefault(key, set()).add(actor_id)

    def align(self, name: str) -> Alignment:
        """The :class:`Alignment` of ``name`` (see the module docstring for the rules)."""
        key = normalise_name(name)
        for tier in TIERS:
            if tier == "id":
                if not self.ids:
                    continue
                found = self._index["id"].get(name.strip(), set())
            elif tier == "surname" and len(key.split()) != 1:
                continue
            else:
                found = self._index[tier].get(key, set())
            if len(found) == 1:
                return Alignment(name, key, next(iter(found)), tier)  # type: ignore[arg-type]
            if found:
                return Alignment(name, key, None, "ambiguous", tuple(sorted(found)))
        return Alignment(name, key, None, "unmatched")


def gold_actors(row: Mapping) -> list[GoldActor]:
    """The :class:`GoldActor` list of a ``documents`` row (actors, aliases and mentions joined by id)."""
    aliases: dict[str, list[str]] = {}
    for a in row["aliases"]:
        aliases.setdefault(a["actor_id"], []).append(a["text"])
    forms: dict[str, list[str]] = {}
    for m in row["mentions"]:
        if m["text"] not in forms.setdefault(m["actor_id"], []):
            forms[m["actor_id"]].append(m["text"])
    return [GoldActor(a["id"], a["name"], a["type"], tuple(aliases.get(a["id"], ())), tuple(forms.get(a["id"], ())))
            for a in row["actors"]]


def rule_counts(alignments: Sequence[Alignment]) -> dict[str, int]:
    """How many names each rule decided, every rule listed (zeros included), in tier order."""
    rules = (*TIERS, "ambiguous", "unmatched")
    return {rule: sum(a.rule == rule for a in alignments) for rule in rules}
