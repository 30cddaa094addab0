"""One escaper per output format: controls and bidi overrides removed, XML always well-formed."""

import xml.etree.ElementTree as ET

import pytest

from actorstance import escaping

NASTY = ["Ann\x00a", "\x1b[31mred", "a\x0bb\x0cc", "\u202eevil\u202c", "\u2066iso\u2069", "x\ufffey\uffff",
         "lone \ud800 surrogate", "C1 \x85\x9b", "tab\tand\r\nbreak\u2028ls"]


@pytest.mark.parametrize("text", NASTY)
def test_xml_text_is_always_well_formed(text):
    element = ET.Element("node", {"name": escaping.xml_text(text)})
    element.text = escaping.xml_text(text)
    ET.fromstring(ET.tostring(element, encoding="unicode"))


@pytest.mark.parametrize("escape", [escaping.markdown, escaping.html, escaping.yaml_text, escaping.xml_text,
                                    escaping.plot_label, escaping.markdown_code])
@pytest.mark.parametrize("text", NASTY)
def test_no_escaper_lets_a_control_or_bidi_character_through(escape, text):
    out = escape(text)
    assert not any(ord(c) < 32 and c not in "\t\n" or 0x7f <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e
                   or 0x2066 <= ord(c) <= 0x2069 or 0xd800 <= ord(c) <= 0xdfff for c in out), repr(out)


def test_markdown_renders_data_as_literal_text():
    assert escaping.markdown("# Heading\n| a | b |\n<script>") == "\\# Heading \\| a \\| b \\| &lt;script&gt;"
    assert escaping.markdown("- item") == "\\- item"


def test_fenced_code_survives_backticks():
    assert escaping.markdown_fenced("a ``` b\nc") == ["````", "a ``` b", "c", "````"]


def test_html_and_plot_labels():
    assert escaping.html('<a href="x">&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
    assert escaping.plot_label("$x^2$ " + "y" * 100) == "\\$x^2\\$ " + "y" * 53 + "…"
