"""Where the page names the organ besides its title: the signature above the closing
date, the 来源/发布机构 fields, and (guesses) the body's naming of its own report,
its contact line or the subject of its opening sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence

from govcrawl.normalize import CJK
from govcrawl.parse.metadata.lines import bare, cells, header_end
from govcrawl.parse.metadata.organ import (
    ORGAN_END,
    is_organ,
    names_place,
    normal_organ,
    simplified_organ,
)
from govcrawl.parse.metadata.published import signature_date

_SIGNATURE_LINES = 15
# No place at all in a title's organ (城管执法局), not even a bare 县 (县教育局).
_LEVEL = re.compile(r"[省市县区旗盟州乡镇]|街道|地区")
_FIELDS = re.compile(
    rf"(?<![{CJK}])(?:发布机构|發布機構|来源|來源|信息来源|发文机关|发布单位|发文单位|公开主体)"
    rf"\s*[:：]?\s*([{CJK}]{{2,40}}?)(?=\s|$)"
)
_ORGAN = rf"[{CJK}]{{2,40}}?{ORGAN_END}"
_YEAR = r"(?:(?:19|20)\d{2}\s*年?度?)"
# 现将乐山市…旅游局2024年政府信息公开工作年度报告如下, 特向社会公布2022年度…分局政府信息公开….
_OWN_REPORT = re.compile(
    rf"(?:公布|现将|現將|发布|編制|编制|这是|此为)\s*{_YEAR}?\s*({_ORGAN})\s*{_YEAR}?"
    rf"\s*(?:政府|政务)?(?:信息|政務|政务)?公[开開]"
)
# 请与南关区长通街道办事处办公室联系.
_CONTACT = re.compile(
    rf"请(?:与|联系|致电|向)\s*({_ORGAN})(?:[{CJK}]{{0,4}}办公室)?(?:联系|咨询|反映)"
)
# 2020年以来,合阳县坚持以…: the organ reporting on its year, as the subject.
_SUBJECT = re.compile(
    rf"^{_YEAR}(?:以来|来|全年)?\s*[,，]\s*({_ORGAN})"
    r"(?:坚持|认真|严格|深入|全面|按照|紧紧|紧扣|以|在|持续|始终|进一步|围绕|切实|结合"
    r"|积极|着力|高度|不断|扎实|继续|聚焦|依法|立足|对照|主动|共)"
)


def signature_organ(lines: Sequence[str]) -> str | None:
    """The organ on the line above the closing date, or before it on its line."""
    tail = [bare(line) for line in lines[-_SIGNATURE_LINES:]]
    for index in range(len(tail) - 1, -1, -1):
        if signature_date([tail[index]]) is None:
            continue
        on_line = tail[index].split()[0] if " " in tail[index] else ""
        for candidate in (on_line, tail[index - 1] if index else ""):
            organ = simplified_organ(candidate)
            if is_organ(organ):
                return normal_organ(organ)
    return None


def field_organ(lines: Sequence[str]) -> str | None:
    """来源/发布机构 in the header, when it names a place (not 市政府办公室)."""
    for line in lines[: header_end(lines)]:
        for cell in cells(line):
            for found in _FIELDS.finditer(cell):
                organ = simplified_organ(found.group(1))
                if is_organ(organ) and names_place(organ):
                    return normal_organ(organ)
    return None


def body_organ(lines: Sequence[str], text: str) -> str | None:
    """The body's own naming of the organ; a guess, and only a name the page prints."""
    for pattern in (_OWN_REPORT, _CONTACT):
        for found in pattern.finditer(text):
            organ = simplified_organ(found.group(1))
            if is_organ(organ):
                return normal_organ(organ)
    start = header_end(lines)
    for line in lines[start : start + 5]:
        subject = _SUBJECT.match(bare(line))
        organ = normal_organ(simplified_organ(subject.group(1))) if subject else ""
        if organ and is_organ(organ) and organ in text:
            return organ
    return None


def fuller_name(organ: str, text: str, signature: str | None) -> str:
    """The same organ named in full where the page names it again: a title's
    城管执法局 (no place) is the signature's 沅江市城市管理和综合执法局; its 工农区人民政府 is the
    body's 鹤岗市工农区人民政府 (…信息公开工作情况报告)."""
    if signature and _LEVEL.search(organ) is None and signature[-1] == organ[-1]:
        return signature
    found = re.search(
        rf"(?<![{CJK}])([{CJK}]{{1,4}}?[省市州盟]){re.escape(organ)}\s*{_YEAR}?"
        r"\s*(?:政府)?信息公开",
        text,
    )
    return found.group(1) + organ if found else organ
