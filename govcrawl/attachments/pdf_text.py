"""PDF characters as text lines: how the PDF reader spaces words and breaks lines.

Coordinates are PDF points from the page's top-left corner (`top` grows downwards)."""

from __future__ import annotations

from dataclasses import dataclass

# Characters whose middles lie this close (points) are on one line.
LINE_TOLERANCE = 3.0


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def text_lines(chars: list[Char], gap_ratio: float) -> list[Line]:
    """Characters as lines of words, top to bottom: a line is characters whose
    middles lie within LINE_TOLERANCE of each other (by the middle: a bold heading's font is
    taller than the text run after it on the same line); a gap wider than gap_ratio
    em, or a space glyph, parts words, and words are joined by one space."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=_middle):
        if lines and _middle(char) - _middle(lines[-1][-1]) <= LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    result = []
    for members in lines:
        text = _line_text(sorted(members, key=lambda c: c.x0), gap_ratio)
        if text:
            inked = [c for c in members if not c.text.isspace()]
            result.append(
                Line(
                    text,
                    min(c.x0 for c in inked),
                    max(c.x1 for c in inked),
                    min(c.top for c in inked),
                    max(c.bottom for c in inked),
                )
            )
    return result


def _middle(char: Char) -> float:
    return (char.top + char.bottom) / 2


def _line_text(chars: list[Char], gap_ratio: float) -> str:
    words: list[str] = []
    previous: Char | None = None
    for char in chars:
        if char.text.isspace():
            previous = None
            words.append("")
            continue
        if previous is not None and char.x0 > previous.x1 + gap_ratio * previous.size:
            words.append("")
        if not words:
            words.append("")
        words[-1] += char.text
        previous = char
    return " ".join(word for word in words if word)
