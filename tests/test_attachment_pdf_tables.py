"""Ruled tables from ruling lines (govcrawl/attachments/pdf_tables.py): cells are the
regions no rule divides, merged cells span, and open regions are no cell."""

from __future__ import annotations

from govcrawl.attachments.pdf_tables import Box, Rule, find_tables
from govcrawl.attachments.pdf_text import Char, text_lines


def h(y: float, x0: float, x1: float) -> Rule:
    return Rule(True, y, x0, x1)


def v(x: float, y0: float, y1: float) -> Rule:
    return Rule(False, x, y0, y1)


def boxes(rules: list[Rule]) -> list[list[tuple[float, float, float, float]]]:
    return [
        [(c.x0, c.top, c.x1, c.bottom) for c in table.cells]
        for table in find_tables(rules)
    ]


def test_three_by_two_grid_with_a_label_spanning_both_rows():
    # | label | a | b |
    # |       | c | d |   the label's column has no rule between the rows
    rules = [
        h(0, 0, 90),
        h(10, 30, 90),
        h(20, 0, 90),
        v(0, 0, 20),
        v(30, 0, 20),
        v(60, 0, 20),
        v(90, 0, 20),
    ]
    assert boxes(rules) == [
        [
            (0, 0, 30, 20),
            (30, 0, 60, 10),
            (60, 0, 90, 10),
            (30, 10, 60, 20),
            (60, 10, 90, 20),
        ]
    ]


def test_rules_within_three_points_are_one_and_tables_apart_are_two():
    # The right rule is drawn in two pieces a point apart: one rule at 40.5.
    first = [h(0, 0, 40), h(10, 0, 40), h(20, 0, 40), v(0, 0, 20)]
    first += [v(40, 0, 10), v(41, 10, 20)]
    second = [h(100, 0, 40), h(110, 0, 40), v(0, 100, 110), v(20, 100, 110)]
    second.append(v(40, 100, 110))
    tables = find_tables([*second, *first])
    assert [len(table.cells) for table in tables] == [2, 2]
    assert tables[0].box == Box(0, 0, 40.5, 20)
    assert tables[1].box.top == 100


def test_a_lone_box_and_an_unclosed_region_are_no_cells():
    frame = [h(0, 0, 50), h(30, 0, 50), v(0, 0, 30), v(50, 0, 30)]
    assert find_tables(frame) == []
    # Two closed cells above a strip whose bottom rule is missing.
    open_strip = [h(0, 0, 40), h(10, 0, 40), v(0, 0, 20), v(20, 0, 10), v(40, 0, 20)]
    assert boxes(open_strip) == [[(0, 0, 20, 10), (20, 0, 40, 10)]]


def test_cell_chars_go_to_the_cell_under_their_middle():
    rules = [h(0, 0, 40), h(10, 0, 40), v(0, 0, 10), v(20, 0, 10), v(40, 0, 10)]
    (table,) = find_tables(rules)
    # "1" overshoots the top rule but its middle is in the left cell.
    chars = [Char("1", 2, 8, -3, 7), Char("2", 22, 28, 1, 9), Char("x", 50, 55, 1, 9)]
    assert table.cell_chars(chars) == [[chars[0]], [chars[1]]]


def test_words_part_at_wide_gaps_and_space_glyphs():
    chars = [
        Char("共", 0, 10, 0, 10),
        Char("3", 12.5, 18, 0, 10),  # 0.25 em: CJK-Latin autospacing, no space
        Char("件", 18, 28, 0, 10),
        Char(" ", 28, 31, 0, 10),
        Char("B", 31, 37, 1, 9),
        Char("C", 41, 47, 20, 30),  # the next line
    ]
    assert [line.text for line in text_lines(chars, 0.35)] == ["共3件 B", "C"]
    gap = [Char("A", 0, 6, 0, 10), Char("B", 10, 16, 0, 10)]  # 0.4 em
    assert [line.text for line in text_lines(gap, 0.35)] == ["A B"]
