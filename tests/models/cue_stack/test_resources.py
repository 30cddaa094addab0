from __future__ import annotations


import pytest

from actorstance.errors import LexiconError
from actorstance.models.baselines.cue_stack.resources import inflections, load_polarity_lexicon


def test_the_packaged_lexicon_has_inflected_forms_and_the_stance_cues():
    words = load_polarity_lexicon()
    assert (words["praised"], words["condemned"], words["slammed"], words["criticizing"]) == (1, -1, -1, -1)
    assert "met" not in words and "care" not in words  # neutral cues and domain words are left out
    own = load_polarity_lexicon(stance_cues=False)
    assert "invasion" not in own and words["invasion"] == -1  # a negative cue of stance-lexicon-v1.json
    assert "alliance" not in own and words["alliance"] == 1


def test_inflections():
    assert inflections("deny") == {"deny", "denies", "denied", "denying"}
    assert inflections("praise") == {"praise", "praises", "praised", "praising"}
    assert inflections("attack") == {"attack", "attacks", "attacked", "attacking"}


def test_a_bad_lexicon_file_lists_every_problem(tmp_path):
    path = tmp_path / "lex.tsv"
    path.write_text("# comment\nlemma\tpolarity\tinflect\nlaud\tpositive\tyes\nBlame\tnegative\tyes\nfoe\tbad\tno\n")
    with pytest.raises(LexiconError) as err:
        load_polarity_lexicon(path)
    assert str(err.value) == (
        f"2 problems in the stance lexicon:\n"
        f"  {path}:4: expected a lower-case word, positive|negative and yes|no separated by tabs, got "
        f"'Blame\\tnegative\\tyes'. Fix: fix the line.\n"
        f"  {path}:5: expected a lower-case word, positive|negative and yes|no separated by tabs, got "
        f"'foe\\tbad\\tno'. Fix: fix the line.")
    path.write_text("laud\tpositive\tyes\n")
    with pytest.raises(LexiconError, match="must be the header 'lemma<TAB>polarity<TAB>inflect'"):
        load_polarity_lexicon(path)
    path.write_text("lemma\tpolarity\tinflect\nlaud\tpositive\tno\n")
    assert load_polarity_lexicon(path, stance_cues=False) == {"laud": 1}
