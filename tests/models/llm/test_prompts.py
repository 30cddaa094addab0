import pytest

from actorstance.columns import MODEL_INPUT_COLUMNS
from actorstance.errors import PromptTemplateError
from actorstance.models.llm.prompts import TEMPLATES, load_template, marked_context
from tests.models.conftest import pair

LABELS = ["positive", "negative", "neutral"]


def _template(tmp_path, **changes) -> str:
    text = {"name": '"mine"', "version": '"2"', "system": '"Labels: $labels"', "user": '"$source -> $target: $context"',
            "answer": "'{\"label\": \"$label\"}'", **changes}
    body = "".join(f"{key} = {value}\n" for key, value in text.items())
    body += '[labels]\npositive = "for"\nnegative = "against"\nneutral = "engaged"\n'
    path = tmp_path / "mine.toml"
    path.write_text(body, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_packaged_templates_load_and_define_every_label(name):
    template = load_template(name)
    assert template.name == name and template.version
    assert set(template.label_definitions) == {"positive", "negative", "neutral", "none"}


def test_zero_shot_prompt_shows_the_pair_with_marked_mentions_and_the_config_labels():
    row = pair("<s>Anna Berg</s> praised <t>Lars Holm</t>.")
    messages = load_template("zero-shot").messages(row, labels=LABELS)
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "one of: positive, negative, neutral." in messages[0]["content"]
    assert "- none:" not in messages[0]["content"]  # pairs config: no 'none' label
    assert "<source>Anna Berg</source> praised <target>Lars Holm</target>." in messages[1]["content"]
    candidates = load_template("zero-shot").messages(row, labels=[*LABELS, "none"])
    assert "- none:" in candidates[0]["content"]


def test_k_shot_examples_are_earlier_chat_turns_with_their_gold_answers():
    row = pair("<s>Anna Berg</s> praised <t>Lars Holm</t>.")
    example = pair("<s>Eva Lind</s> attacked <t>Omar Saleh</t>.", source="Eva Lind", target="Omar Saleh")
    messages = load_template("k-shot").messages(row, labels=LABELS, examples=[(example, "negative")])
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert "Eva Lind" in messages[1]["content"] and messages[2]["content"] == '{"label": "negative"}'
    assert "Anna Berg" in messages[3]["content"]


def test_prompt_renders_from_model_input_columns_only():
    row = {column: f"<{column}>" for column in MODEL_INPUT_COLUMNS}
    row.update(context="Anna praised Lars.", source_spans=[], target_spans=[])
    leaky = {**row, "label": "SECRET_LABEL", "evidence": ["SECRET_EVIDENCE"]}
    messages = load_template("zero-shot").messages(leaky, labels=LABELS)
    assert "SECRET" not in str(messages)


def test_user_template_file(tmp_path):
    template = load_template(_template(tmp_path))
    row = pair("<s>Anna Berg</s> praised <t>Lars Holm</t>.")
    assert (template.name, template.version) == ("mine", "2")
    assert template.messages(row, labels=LABELS)[1]["content"] == "Anna Berg -> Lars Holm: Anna Berg praised Lars Holm."


@pytest.mark.parametrize("user, message", [
    ('"$source: $label"', "uses $label, which is not a model input: a prompt must not show the answer"),
    ('"$evidence"', "uses $evidence, which is not a model input"),
    ('"$colour"', "uses $colour, which is not allowed there"),
    ('"costs $ 5"', "has a '$' that is not a placeholder"),
])
def test_templates_that_would_leak_or_break_are_refused(tmp_path, user, message):
    with pytest.raises(PromptTemplateError) as err:
        load_template(_template(tmp_path, user=user))
    assert message in str(err.value) and "Fix:" in str(err.value)


def test_missing_template_and_missing_label_definition(tmp_path):
    with pytest.raises(PromptTemplateError, match="not a packaged template and not a readable file"):
        load_template("no-such-template")
    template = load_template(_template(tmp_path))
    with pytest.raises(PromptTemplateError, match="no definition of label\\(s\\) none"):
        template.messages(pair("<s>A</s> met <t>B</t>."), labels=[*LABELS, "none"])


def test_marked_context_wraps_every_mention():
    row = {"context": "Berg met Holm; Holm thanked her.", "source_spans": [{"start": 0, "end": 4}, (28, 31)],
           "target_spans": [{"start": 9, "end": 13}, {"start": 15, "end": 19}]}
    assert marked_context(row) == ("<source>Berg</source> met <target>Holm</target>; <target>Holm</target> thanked "
                                   "<source>her</source>.")
