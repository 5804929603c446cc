"""The clean stage on an HTML page: passes over one lxml tree, each run once, in
this order (clean_html):

1. read    the markup as a tree with a <body>, comments left out; control characters
           and what libxml2 left unread (past 256 levels of nesting) are recorded
2. head    <meta> and <title> metadata; scripts and styles dropped (footer widgets
           recorded, their 网站标识码 kept); spam taken out of the titles
3. scrub   every text node of <body> repaired: injected brands, pinyin, traditional
           script (scrub.py decides on the body's text as a whole, slots.py edits)
4. locate  the report's container: the CMS families' selectors, else the smallest
           block holding most text and every data table (extract.py)
5. outside everything around the container, line by line, recorded as removed;
           header lines give metadata (chrome.py)
6. chrome  chrome and spam blocks, then loose chrome lines, inside the container;
           tables stay whole, except the 索引号 metadata table (chrome.py)
7. title   the page's report title on top as <h1>, unless the body starts with it
8. render  the container as text lines and as an HTML fragment (render.py); the
           container element itself and its marked reading go to the parse stage,
           which takes its tokens from that reading instead of reading it again
"""

from __future__ import annotations

import re
from typing import cast

from lxml import etree, html

from govcrawl.clean.chrome import outside_removals, strip_chrome
from govcrawl.clean.extract import find_content, page_meta
from govcrawl.clean.render import fragment, reading_lines
from govcrawl.clean.scrub import clean_flags, scrub
from govcrawl.clean.slots import BodyText
from govcrawl.clean.titles import clean_titles, keep_title, report_title
from govcrawl.markup import unread_part
from govcrawl.model import CleanResult, Removal
from govcrawl.normalize import squash_spaces, to_simplified

_CODE_TAGS = ("script", "style", "noscript", "link", "template")
# Code elements, and the spans that may be widgets (an id), in document order; the
# spans with an id found through their id attributes (10x faster than //span[@id]).
_CODE_XPATH = " | ".join([*(f"//{tag}" for tag in _CODE_TAGS), "//span[@id]"])
_ID_SPANS = etree.XPath("//@id/parent::span")
# 政府网站找错 (jiucuo.js, sitecode = 网站标识码) and the 党政机关 badge (dcs.conac.cn).
_WIDGET_RE = re.compile(r"_jiucuo_|jiucuo\.js|_ideConac|conac\.cn", re.I)
_SITECODE_RE = re.compile(r"sitecode=['\"]?(\w+)", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_BYTES = bytes(range(0x20)).translate(None, b"\t\n\r")
# lxml.html's own parser picks each element's class in Python (forms, inputs, …),
# once per element proxy; this stage needs HtmlElement's methods only, and a
# default-class lookup runs in C (one HTML page's walks: 1.9 -> 1.2 ms).
_CLASSES = etree.ElementDefaultClassLookup(
    element=html.HtmlElement,
    comment=html.HtmlComment,
    pi=html.HtmlProcessingInstruction,
    entity=html.HtmlEntity,
)


def clean_html(
    markup: str, utf8: bytes | None = None, *, fragment_html: bool = True
) -> CleanResult:
    """fragment_html=False leaves CleanResult.html empty: the flow hands parse the
    tree, and nothing it stores reads the fragment (a twentieth of a report's cost)."""
    doc, removed = parse_document(markup, utf8)
    body = doc.body
    meta = page_meta(doc)
    removed += drop_code(doc, meta) + clean_titles(meta)
    # Repair text first: chrome on a traditional mirror reads 字號 and 瀏覽量.
    # Most pages need no edit; the text nodes are collected at the first one.
    text = BodyText(body)
    scrubbed, script, printed = scrub(text)
    text.commit()
    if script == "traditional":
        meta = {key: to_simplified(value) for key, value in meta.items()}
    content, _selector = find_content(body)
    removed += outside_removals(body, content, meta)
    removed += strip_chrome(content, meta) + scrubbed
    keep_title(content, report_title(meta, removed))
    lines, reading = reading_lines(content)
    return CleanResult(
        text="\n".join(lines),
        html=fragment(content) if fragment_html else "",
        removed=removed,
        **clean_flags(removed),
        script=script,
        printed=printed,
        meta=meta,
        tree=content,
        scrubbed=True,
        reading=reading,
    )


def parse_document(
    markup: str, utf8: bytes | None = None
) -> tuple[html.HtmlElement, list[Removal]]:
    """The page as a tree that always has a <body> (a page of only a doctype or
    comments cleans to an empty report), and what could not go into it: control
    characters, which lxml refuses in text it is given back, and what libxml2 left
    unread (it stops at 256 levels of nesting and drops the rest of the page).

    `utf8` is the markup as UTF-8 when the caller has it (a page served so): libxml2
    reads the bytes themselves, where a str costs an encoding and a conversion."""
    encoded = markup.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    unread: list[Removal] = []
    controls = _control_count(encoded)
    if controls:
        unread.append(Removal("control", f"{controls} control characters"))
    if controls or _XML_DECLARATION.match(markup):
        markup = _XML_DECLARATION.sub("", _CONTROL_RE.sub("", markup))
        encoded = markup.encode("utf-8", "surrogatepass")
    # Comments and processing instructions are left out as they are read: no text
    # node is then split around one (clean pass 3 edits text nodes as slots).
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(_CLASSES)
    try:
        doc = html.document_fromstring(encoded, parser)
    except etree.ParserError:
        doc = html.document_fromstring("<html><body></body></html>")
    if doc.find("body") is None:
        doc.append(html.Element("body"))
    where = unread_part(parser)
    if where:
        unread.append(Removal("truncated", f"not read past {where}"))
    return doc, unread


def _control_count(encoded: bytes) -> int:
    """How many characters _CONTROL_RE matches in the text these UTF-8 bytes encode
    (where they stand only for themselves): deleting them from the bytes runs at
    twice the speed of the regex scan of the text, and five times a bytes regex's."""
    return len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))


def drop_code(doc: html.HtmlElement, meta: dict[str, str]) -> list[Removal]:
    """Scripts and styles; the footer widgets among them are recorded."""
    removed: list[Removal] = []
    code = _code_elements(doc)
    for element in code:
        source = etree.tostring(element, encoding="unicode", with_tail=False)
        if _WIDGET_RE.search(source):
            removed.append(Removal("widget", squash_spaces(source)[:200]))
            sitecode = _SITECODE_RE.search(source)
            if sitecode:
                meta.setdefault("SiteIDCode", sitecode.group(1))
        element.drop_tree()
    others = len(code) - len(removed)
    if others:
        removed.append(Removal("script", f"{others} script and style elements"))
    return removed


def _code_elements(doc: html.HtmlElement) -> list[html.HtmlElement]:
    """The code elements and widget spans in document order. A tag-filtered iteration
    finds the code in C (an XPath union scans the page once per tag); pages with a
    widget span, rare, take the union, which keeps both kinds in document order."""
    spans = cast(list[html.HtmlElement], _ID_SPANS(doc))
    if not any(_is_code(span) for span in spans):
        return list(doc.iter(*_CODE_TAGS))
    return [el for el in doc.xpath(_CODE_XPATH) if _is_code(el)]


def _is_code(element: html.HtmlElement) -> bool:
    if element.tag != "span":
        return True
    return bool(_WIDGET_RE.search(element.get("id", "")))
