"""The shipped Label Studio config and brat annotation.conf use exactly the names the importers map by default."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from actorstance.exporters import annotation_conf, labeling_config
from actorstance.importers.mapping import LabelStudioNames, read_mapping
from tests.conftest import invoke

MAPPING = read_mapping(None)


def test_every_label_studio_label_and_relation_maps_and_every_role_has_one():
    root = ET.fromstring(labeling_config())
    labels = [el.get("value") for el in root.iter("Label")]
    relations = [el.get("value") for el in root.iter("Relation")]
    assert {MAPPING.span_role(v) for v in labels} == {"person", "government", "organisation", "media", "armed_group",
                                                      "collective", "evidence"}
    assert {r for v in relations for r in MAPPING.relation_roles(v)} == {"positive", "negative", "neutral", "implied",
                                                                         "same_actor"}
    names = LabelStudioNames()
    assert root.find("Labels").get("name") == names.labels
    assert root.find(".//TextArea").get("name") == names.actor
    assert root.find("Text").get("name") == names.text and root.find("Text").get("value") == f"${names.text}"


def test_every_brat_type_maps():
    sections, current = {}, None
    for line in annotation_conf().splitlines():
        if line.startswith("["):
            current = line.strip("[]")
        elif line.strip() and not line.startswith("#"):
            sections.setdefault(current, []).append(line.split()[0])
    assert all(MAPPING.span_role(t) not in (None, "ignore") for t in sections["entities"])
    assert all(MAPPING.relation_roles(t) is not None for t in sections["relations"])


def test_tool_config_command_prints_the_shipped_files():
    result = invoke("tool-config", "label-studio")
    assert result.exit_code == 0 and result.output == labeling_config()
    assert invoke("tool-config", "brat").output == annotation_conf()
