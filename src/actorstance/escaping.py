"""One escaper per output format, for every string that comes from data (actor names, outlets,
annotator names, corpus descriptions, model and file names).

All of them first :func:`clean` the text: C0/C1 control characters (except tab and line
breaks, where the format keeps them), bidi embedding/override/isolate characters (which can make
a name display as another, "Trojan Source"), noncharacters U+FFFE/U+FFFF and lone surrogates are
removed, so that XML is always well-formed and nothing displays differently from what it is.

>>> markdown("A|B *bold* <script>x_y</script>")
'A\\\\|B \\\\*bold\\\\* &lt;script&gt;x\\\\_y&lt;/script&gt;'
>>> xml_text("Ann\\x00a\\x1b[31m \\u202eBerg")
'Anna[31m Berg'
>>> plot_label("cost $5")
'cost \\\\$5'
"""

from __future__ import annotations

import html as _html
import re

#: Removed everywhere: C0 controls but tab/LF/CR, DEL, C1 controls, bidi embeddings, overrides
#: and isolates (U+202A-U+202E, U+2066-U+2069), noncharacters U+FFFE/U+FFFF, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")
#: Line breaks other than LF that some formats would take as line ends (CR, NEL, LS, PS, VT, FF).
_LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")

#: Inline Markdown metacharacters (``$`` starts math on GitHub, ``~`` strikethrough, ``|`` a cell).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#!|~$])")
#: What would start a list item or a numbered list at the start of a line.
_BLOCK_START = re.compile(r"^([-+]|\d+[.)])")
_MD_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_PROSE_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: What would make a paragraph's first line a heading, list, quote, table or thematic break.
_PROSE_BLOCK_START = re.compile(r"^([#>|=+*-]|\d+[.)])")
#: matplotlib mathtext starts at ``$``; a backslash escapes it.
_MATHTEXT = re.compile(r"([$])")


def clean(text: object, *, keep_newlines: bool = False) -> str:
    """``text`` without control, bidi-override and non-characters; line breaks become ``\\n``
    (``keep_newlines``) or spaces."""
    text = _UNSAFE.sub("", str(text))
    text = _LINE_BREAKS.sub("\n", text)
    if not keep_newlines:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def markdown(text: object) -> str:
    """``text`` as literal inline Markdown: safe in a table cell, a list item or a heading.

    HTML metacharacters become entities, Markdown punctuation is backslash-escaped, and line
    breaks become spaces (a newline would end a table row or a heading).
    """
    text = " ".join(clean(text).split())
    text = "".join(_MD_HTML.get(ch, ch) for ch in text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def markdown_code(text: object) -> str:
    """Inline code that survives any content (backticks inside, pipes in a table cell)."""
    text = " ".join(clean(text).split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def markdown_fenced(text: object, info: str = "") -> list[str]:
    """A fenced code block holding ``text`` verbatim (lines kept), whatever backticks it holds."""
    body = clean(text, keep_newlines=True)
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    return [f"{fence}{info}", *body.split("\n"), fence]


def markdown_prose(text: object) -> str:
    """Prose whose author writes inline Markdown (``code``, **bold**: a corpus description) as one
    paragraph: no raw HTML (``<``, ``>``, ``&`` become entities), no line breaks (so no heading,
    list, quote or table can start), no control or bidi-override characters."""
    text = " ".join(clean(text).split())
    text = "".join(_PROSE_HTML.get(ch, ch) for ch in text)
    return _PROSE_BLOCK_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def html(text: object) -> str:
    """``text`` as HTML character data or a quoted attribute value."""
    return _html.escape(clean(text), quote=True)


def yaml_text(text: object, *, keep_newlines: bool = False) -> str:
    """``text`` for a YAML scalar of the card (the YAML dumper quotes it; this removes what no
    YAML reader should see: controls and bidi overrides)."""
    return clean(text, keep_newlines=keep_newlines)


def xml_text(text: object) -> str:
    """``text`` for XML character data or an attribute (GraphML, GEXF): only characters XML 1.0
    allows; the XML writer escapes ``&``, ``<`` and quotes."""
    return clean(text)


def plot_label(text: object, *, limit: int = 60) -> str:
    """``text`` for a matplotlib label: one line, no mathtext, at most ``limit`` characters."""
    text = " ".join(clean(text).split())
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return _MATHTEXT.sub(r"\\\1", text)
