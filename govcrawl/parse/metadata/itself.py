"""The organ as the report calls itself (我办, 我乡, 我局): of the organs its body
names, the one of that kind; a township's place printed by name (上营乡) when no
sentence names its government."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from govcrawl.normalize import CJK
from govcrawl.patterns import lazy

# 我办理 and 我办结 are verbs, 我乡镇 a phrase.
_SELF = re.compile(r"我(乡|镇|街道|办|局|委|厅)(?![理结件镇])")
_ENDS = {
    "乡": ("乡人民政府",),
    "镇": ("镇人民政府",),
    "街道": ("街道办事处",),
    "办": ("办公室", "办事处", "办"),
    "局": ("局",),
    "委": ("委员会", "委"),
    "厅": ("厅",),
}
# 《上营乡信息公开保密审查机制》, 、上营乡微信公众号: a township's name (two or three
# characters) after a mark, run into the next word.
_PLACE = {
    level: lazy(rf"(?:^|[《、，,。；;“\s(（])([{CJK}]{{2,3}}?{level})(?=[{CJK}])")
    for level in ("乡", "镇")
}


def own_kind(text: str) -> str | None:
    found = _SELF.search(text)
    return found.group(1) if found else None


def own_organ(kind: str, candidates: Sequence[str]) -> str | None:
    """The first candidate of the kind the page calls itself."""
    ends = _ENDS[kind]
    return next((organ for organ in candidates if organ.endswith(ends)), None)


def own_place(kind: str, text: str) -> str | None:
    """The township the page names most, when it calls itself 我乡 or 我镇."""
    pattern = _PLACE.get(kind)
    names = Counter(pattern.findall(text)) if pattern else Counter()
    return names.most_common(1)[0][0] if names else None
