"""Hand-made alignment cases: aliases, possessives, diacritics, shared surnames, unmatched names."""

from __future__ import annotations

import pytest

from actorstance.extraction.alignment import Aligner, GoldActor, normalise_name, rule_counts

ACTORS = [
    GoldActor("lukashenko", "Alexander Lukashenko", "person", ("Alyaksandr Lukashenka",), ("President Lukashenko", "he")),
    GoldActor("putin", "Vladimir Putin", "person", ("Putin",), ("the Russian leader", "him")),
    GoldActor("russia", "Russia", "government", ("the Kremlin", "Moscow"), ("Russian authorities",)),
    GoldActor("joe_biden", "Joe Biden", "person", (), ("he",)),
    GoldActor("hunter_biden", "Hunter Biden", "person", (), ()),
    GoldActor("zelensky", "Volodymyr Zelenskyy", "person", ("Zelensky",), ()),
    GoldActor("wagner", "Wagner Group", "armed_group", ("PMC Wagner",), ()),
]


@pytest.fixture
def raw():
    return Aligner(ACTORS, ids=False)


@pytest.mark.parametrize("name, normalised", [
    ("President Vladimir Putin's", "vladimir putin"),
    ("Putin’s", "putin"),
    ("the Kremlin", "kremlin"),
    ("THE  KREMLIN", "kremlin"),
    ("Alyaksandr Lukašenka", "alyaksandr lukasenka"),
    ("Łukaszenka", "lukaszenka"),
    ("U.S.", "us"),
    ("Prime Minister Anna Berg", "anna berg"),
    ("Former President Joe Biden", "joe biden"),
    ("Ukraine-Russia", "ukraine russia"),
    ("the President", "president"),
    ("Kremlin spokesman Dmitry Peskov", "dmitry peskov"),             # a qualified title
    ("Russian Deputy Prime Minister Alexander Novak", "alexander novak"),
    ("the Belarusian president", "belarusian president"),            # nothing after the title: kept
    ("Martin Luther King", "martin luther king"),                    # a title word at the end is a name
    ("Ukraine and Russia", "ukraine and russia"),
])
def test_normalisation(name, normalised):
    assert normalise_name(name) == normalised


@pytest.mark.parametrize("name, actor, rule", [
    ("Alexander Lukashenko", "lukashenko", "name"),
    ("alexander lukashenko's", "lukashenko", "name"),            # case, possessive
    ("Alyaksandr Lukashenka", "lukashenko", "alias"),
    ("President Putin", "putin", "alias"),                      # title dropped, then the alias
    ("Kremlin", "russia", "alias"),                              # leading article of the alias dropped
    ("Moscow's", "russia", "alias"),
    ("the Russian leader", "putin", "mention"),                 # a mention surface form
    ("Russian authorities", "russia", "mention"),
    ("Lukashenko", "lukashenko", "mention"),                    # "President Lukashenko" without the title
    ("Volodymyr Zelenskyy", "zelensky", "name"),
    ("Zelenský", "zelensky", "alias"),                           # diacritics
    ("Hunter Biden", "hunter_biden", "name"),
    ("Belarusian President Alexander Lukashenko", "lukashenko", "name"),
])
def test_aligned_names(raw, name, actor, rule):
    a = raw.align(name)
    assert (a.actor_id, a.rule) == (actor, rule)


def test_two_actors_sharing_a_surname_are_ambiguous_not_guessed(raw):
    a = raw.align("Biden")
    assert (a.actor_id, a.rule, a.candidates) == (None, "ambiguous", ("hunter_biden", "joe_biden"))
    assert raw.align("President Biden").rule == "ambiguous"     # a title does not pick one


def test_surname_of_one_person_aligns(raw):
    assert (raw.align("Lukashenka").actor_id, raw.align("Lukashenka").rule) == ("lukashenko", "surname")
    assert raw.align("Zelenskyy's").actor_id == "zelensky"
    # the surname rule is for persons: "Group" is not Wagner
    assert raw.align("Group").rule == "unmatched"


def test_unmatched_names(raw):
    for name in ("Xi Jinping", "NATO", "Vladimir", "Putin Vladimir"):
        a = raw.align(name)
        assert (a.actor_id, a.rule, a.candidates) == (None, "unmatched", ())


def test_pronoun_mentions_are_never_keys(raw):
    assert raw.align("he").rule == "unmatched" and raw.align("him").rule == "unmatched"


def test_a_canonical_name_beats_an_alias_of_another_actor():
    aligner = Aligner([GoldActor("a", "Georgia", "government"), GoldActor("b", "Georgia Meloni", "person", ("Georgia",))],
                      ids=False)
    assert (aligner.align("Georgia").actor_id, aligner.align("Georgia").rule) == ("a", "name")


def test_ids_count_only_in_the_oracle_setting():
    actors = [GoldActor("p1", "Vladimir Putin", "person")]
    assert Aligner(actors, ids=True).align("p1").rule == "id"
    assert Aligner(actors, ids=False).align("p1").rule == "unmatched"


def test_rule_counts_list_every_rule(raw):
    counts = rule_counts([raw.align(n) for n in ("Putin", "Biden", "NATO", "Kremlin")])
    assert counts == {"id": 0, "name": 0, "alias": 2, "mention": 0, "surname": 0, "ambiguous": 1, "unmatched": 1}
