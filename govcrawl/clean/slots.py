"""Clean pass 3 on an HTML tree: the text nodes of <body> as the scrub pass reads and
edits them (scrub.Pieces).

Every scrub edit works line by line (no brand, annotation or OpenCC phrase holds a
newline), so the text nodes, read in one XPath pass, are edited as one string with a
line of a mark between each two (one pass of each regex over the page instead of one
per node, 3x faster on a traditional mirror), then split again; only the nodes whose
text changed are assigned, once, when the pass is done (lxml rebuilds a node on each
assignment). A page whose text holds the mark (a noncharacter) is edited node by node.

The parser drops comments and processing instructions and lxml.html's drop_tree joins
a dropped element's tail to the text before it, so no two text nodes are adjacent: each
node is one `text` or `tail` of an element."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import compress, count
from operator import ne
from typing import cast

from lxml import etree, html

from govcrawl.markup import text_of
from govcrawl.normalize import match_key

Edit = Callable[[str], str]
_MARK = "\ufdd0"
_BREAK = f"\n{_MARK}\n"
_TEXT_NODES = etree.XPath("descendant::text()")


class BodyText:
    """An element's text: read whole, edited piece by piece (each text node), and
    written back into the tree by commit(). Between edits the pieces stay joined
    (`joined`), split once when they are needed apart."""

    def __init__(self, element: html.HtmlElement) -> None:
        self.element = element
        self.nodes: list[etree._ElementUnicodeResult] = []
        self.pieces: list[str] = []
        self.joined: str | None = None

    def read(self) -> str:
        """The element's text as it stands after the edits so far."""
        if not self.nodes:
            return text_of(self.element)
        if self.joined is not None:
            return self.joined.replace(_BREAK, "")
        return "".join(self.pieces)

    def edit(self, edit: Edit) -> None:
        """Apply a line-wise edit to every piece."""
        joined = self._joined()
        if joined is None:
            self.pieces = list(map(edit, self.pieces))
        else:
            self.joined = edit(joined)

    def edit_holding(self, edit: Edit, pattern: re.Pattern[str]) -> None:
        """Apply an edit to each piece whose match_key view the pattern finds something
        in, in the order of a walk over the elements (an element's tail, then its text,
        then its children's), the order the removals it records are listed in."""
        joined = self._joined()
        if joined is None:
            views = list(map(match_key, self.pieces))
        else:
            views = match_key(joined).split(_BREAK)
            self._split()
        found = list(compress(count(), map(pattern.search, views)))
        for index in self._walk_order(found):
            self.pieces[index] = edit(self.pieces[index])

    def commit(self) -> None:
        """Assign each changed piece to its text node's slot."""
        if not self.nodes:
            return
        self._split()
        original = cast(list[str], self.nodes)
        for index in compress(count(), map(ne, original, self.pieces)):
            node = self.nodes[index]
            slot = "tail" if node.is_tail else "text"
            setattr(node.getparent(), slot, self.pieces[index])

    def _split(self) -> None:
        if self.joined is not None:
            self.pieces = self.joined.split(_BREAK)
            self.joined = None

    def _joined(self) -> str | None:
        if not self.nodes:
            self.nodes = cast(
                list[etree._ElementUnicodeResult], _TEXT_NODES(self.element)
            )
            self.pieces = list(self.nodes)
        if self.joined is None:
            joined, breaks = _BREAK.join(self.pieces), len(self.pieces) - 1
        else:
            joined, breaks = self.joined, self.joined.count(_BREAK)
        if joined.count(_MARK) != breaks:
            self._split()
            return None
        return joined

    def _walk_order(self, found: list[int]) -> list[int]:
        # Document order puts a tail after its element's subtree; the walk before it.
        if len(found) < 2 or not any(self.nodes[index].is_tail for index in found):
            return found
        position = {node: number for number, node in enumerate(self.element.iter())}

        def walked(index: int) -> tuple[int, bool]:
            node = self.nodes[index]
            return position[node.getparent()], not node.is_tail

        return sorted(found, key=walked)
