"""HTML knowledge shared by the clean and parse stages."""

from __future__ import annotations

# Elements that start a new line of text; `ucapcontent` is the Ucap CMS's own body tag
# (hegang, spec/portals.md §2.C).
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "ucapcontent",
        "ul",
    ]
)
