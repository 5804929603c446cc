"""Where the page names the organ besides its title: the signature above the closing
date, the 来源/发布机构 fields, and (guesses) the body's naming of its own report,
its contact line or the subject of its opening sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from govcrawl.normalize import CJK
from govcrawl.parse.metadata import anchored, itself
from govcrawl.parse.metadata.lines import bare, cells, header_end
from govcrawl.parse.metadata.organ import (
    ORGAN_END,
    is_organ,
    names_place,
    normal_organ,
    simplified_organ,
)
from govcrawl.parse.metadata.published import closing_lines, date_line
from govcrawl.patterns import Regex, lazy

_SIGNATURE_LINES = 15
# No place at all in a title's organ (城管执法局), not even a bare 县 (县教育局).
_LEVEL = re.compile(r"[省市县区旗盟州乡镇]|街道|地区")
_FIELDS = lazy(
    rf"(?<![{CJK}])(?:发布机构|發布機構|来源|來源|信息来源|发文机关|发布单位|发文单位|公开主体)"
    rf"\s*[:：]?\s*([{CJK}]{{2,40}}?)(?=\s|$)"
)
_ORGAN = rf"[{CJK}]{{2,40}}?{ORGAN_END}"
_YEAR = r"(?:(?:19|20)\d{2}\s*年?度?)"
OPENING = 4000
# The body naming its own report: 现将乐山市…旅游局2024年政府信息公开工作年度报告如下,
# 现发布《辽宁省2019年度政府信息公开工作报告》, 青海省2013年政府信息公開工作年度報告是….
# (The first word is spelled out as alternatives, each opening on a character, so
# the regex engine skips to where one of them starts instead of trying every place.)
_REPORT_NAME = re.compile(
    r"(?:政府信息|政府政务|信息|政务)公开(?:工作)?(?:年度)?(?:工作)?(?:情况)?的?(?:年度报告|年报|报告)"
    r"(?!格式|编制|制度|有关|的通知)"
)
# 樂山高新區管委會2010年年報根據…; 新疆维吾尔自治区形成了《2016年政府信息公开年度报告》;
# 铜陵市铜官区东郊办事处本年度报告中使用数据….
_NAMED_BY_SUBJECT = lazy(
    rf"[，。；,;\s]({_ORGAN})\s*(?:{_YEAR}\s*(?:年报|年度报告)|本(?:年度)?报告"
    rf"|(?:形成|编制|制定|发布|公布)了?《{_YEAR}?(?:政府)?(?:信息|政务)公开)"
)
# What ends the words before an organ's name; the name starts after the last of them.
_NAME_CUT = re.compile(
    r"[，。；：:、《“\"\s(（?？]|公布|发布|公开|现将|现就|特将|编制|这是|此为"
    r"|完成|做好|开展|形成|报送|提交|组织"
)
_LEFT = 50
# 2020年以来,合阳县坚持以…; 截至2019年12月31日,牛街乡人民政府通过…: the organ
# reporting on its year, as the subject.
_SUBJECT = lazy(
    rf"[。！？?\s](?:截至|截止到?|到)?{_YEAR}(?:\d{{1,2}}月(?:\d{{1,2}}日)?底?)?"
    rf"(?:以来|来|全年)?\s*[,，]*\s*({_ORGAN})"
    r"(?:坚持|认真|严格|深入|全面|按照|紧紧|紧扣|以|在|持续|始终|进一步|围绕|切实|结合"
    r"|积极|着力|高度|不断|扎实|继续|聚焦|依法|立足|对照|主动|通过|门户网站|网站)"
)
# _NAMED_BY_SUBJECT and _SUBJECT follow a mark or the text's start, which they read
# as the newline put before the text: a pattern opening on `^|[…]` cannot be
# searched by its first character, and cost five times as much.
_START = "\n"
# 请与南关区长通街道办事处办公室联系; 请联系请联系绳金塔街道党政办公室(地址:… (doubled as
# printed: a name never starts with 请).
_CONTACT = lazy(
    rf"请(?:与|联系|致电|向)\s*(?!请)({_ORGAN})(?:(?:党政|综合)?办公室)?"
    r"(?:联系|咨询|反映|(?<=办公室)[(（])"
)
# 由大河镇人民政府办公室汇总…编制.
_COMPILER = lazy(
    rf"由\s*({_ORGAN})(?:根据|按照|依据|依照|结合|综合|汇总|编制|编写|负责|全面)"
)
_ABBREVIATIONS = (
    ("高新技术产业开发区", "高新区"),
    ("经济技术开发区", "经开区"),
    ("经济开发区", "开发区"),
    ("管理委员会", "管委会"),
)
_TOWNSHIP_OFFICE = re.compile(r"^(.+?[乡镇](?:人民)?政府)[^人]*办公室$")
_GOVERNMENT_OFFICE = re.compile(
    r"^(.+?[省市县区旗盟州乡镇](?:人民)?政府)[^人]*办公[室厅]$"
)
# 本报告全文在丽水市人民政府门户网站…, …乌拉特前旗政府网站, 通过…网站、吉林市人民政府
# 外事办公室网站(网址:…).
_WEBSITE = lazy(
    rf"(?:在|通过|登录|于|即|到|至|、)\s*({_ORGAN})"
    r"(?:(?:门户|政务)?(?:子)?网站|\s*[(（]\s*(?:https?://|www))"
)


def signature_organ(lines: Sequence[str]) -> str | None:
    """The organ on the line above the closing date, or before it on its line."""
    tail = [bare(line) for line in closing_lines(lines)]
    for index in range(len(tail) - 1, -1, -1):
        if date_line(tail[index]) is None:
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


def body_organ(text: str) -> str | None:
    """The body's own naming of the organ (a guess): its report's name, the subject
    of a sentence opening with the year, its compiler, its contact line, its website;
    of these, the one of the kind the page calls itself (我办) first."""
    opening = text[:OPENING]
    # Each pattern scans the opening once: the kind's candidates and the first of
    # each way of naming are read from the same matches.
    named = _named_report_organ(opening)
    subjects = _organs(_subject_matches(_START + opening))
    compilers, contacts = (_all(pattern, opening) for pattern in (_COMPILER, _CONTACT))
    websites = _organs(_website_matches(opening))
    kind = itself.own_kind(opening)
    if kind:
        named_first = [named] if named else []
        candidates = [*named_first, *subjects, *compilers, *contacts, *websites]
        own = itself.own_organ(kind, candidates)
        place = itself.own_place(kind, opening) if own is None else None
        own = own or (normal_organ(place) if place else None)
        if own and _is_named_organ(own):
            return own
    found = [
        organ
        for organ in (
            named,
            _township_of(_head(subjects)),
            _government_of(_head(compilers)),
            _government_of(_head(contacts)),
            _head(websites),
        )
        if organ
    ]
    if not found:
        return None
    short = _abbreviated(found[0])
    fuller = [organ for organ in found[1:] if _abbreviated(organ).endswith(short)]
    return max(fuller, key=len) if fuller else found[0]


def _abbreviated(organ: str) -> str:
    """A zone's name as abbreviated (江苏省盐南高新技术产业开发区管理委员会 ->
    江苏省盐南高新区管委会), so its full name and its short one compare equal."""
    for full, short in _ABBREVIATIONS:
        organ = organ.replace(full, short)
    return organ


def _named_report_organ(text: str) -> str | None:
    named = _head(_organs(_named_matches(_START + text)))
    if named:
        return named
    for found in _REPORT_NAME.finditer(text):
        left = text[max(0, found.start() - _LEFT) : found.start()]
        start = max((cut.end() for cut in _NAME_CUT.finditer(left)), default=0)
        name = re.sub(_YEAR, "", left[start:])
        organ = normal_organ(simplified_organ(name))
        if _is_named_organ(organ):
            return organ
    return None


def _head(organs: list[str]) -> str | None:
    return organs[0] if organs else None


def _all(pattern: Regex, text: str) -> list[str]:
    return _organs(pattern.finditer(text))


def _organs(found: Iterable[re.Match[str]]) -> list[str]:
    organs = (normal_organ(simplified_organ(match.group(1))) for match in found)
    return [organ for organ in organs if _is_named_organ(organ)]


# The patterns opening on a common character, read at their anchors (anchored.py):
# the organ (at most 40 characters and its 3-character end) and what may stand
# between it and the anchor bound how far before an anchor a match starts.
_NAMED_OPENING = re.compile(r"[，。；,;\s]")
_SUBJECT_OPENING = re.compile(r"[。！？?\s]")
_WEBSITE_OPENING = re.compile(r"[在通登于即到至、]")


def _named_matches(text: str) -> list[re.Match[str]]:
    anchors = anchored.positions(
        text, ("年报", "年度报告", "本报告", "本年度报告", "《")
    )
    starts = anchored.leads(text, anchors, 1 + 43 + 6, _NAMED_OPENING)
    return anchored.matches(_NAMED_BY_SUBJECT, text, starts)


def _subject_matches(text: str) -> list[re.Match[str]]:
    # The year after the opening mark, or after 到, 截至, 截止 or 截止到.
    years = anchored.positions(text, ("19", "20"))
    starts = anchored.before(text, years, (1, 2, 3, 4), _SUBJECT_OPENING)
    return anchored.matches(_SUBJECT, text, starts)


def _website_matches(text: str) -> list[re.Match[str]]:
    anchors = anchored.positions(text, ("网站", "http", "www"))
    starts = anchored.leads(text, anchors, 2 + 43 + 3, _WEBSITE_OPENING)
    return anchored.matches(_WEBSITE, text, starts)


def _is_named_organ(organ: str) -> bool:
    """From a sentence, only an organ with its place (not 区人民政府, 政府网站)."""
    return is_organ(organ) and names_place(organ) and not organ.startswith("自治区")


def _township_of(organ: str | None) -> str | None:
    """A township's office (水阳镇人民政府办公室) reports as its township: a 乡 or 镇
    has no offices that publish reports of their own."""
    office = _TOWNSHIP_OFFICE.match(organ) if organ else None
    return normal_organ(office.group(1)) if office else organ


def _government_of(organ: str | None) -> str | None:
    """A government's general or disclosure office, as a report's compiler or its
    contact, stands for the government (大河镇人民政府办公室 -> 大河镇人民政府)."""
    office = _GOVERNMENT_OFFICE.match(organ) if organ else None
    return normal_organ(office.group(1)) if office else organ


def fuller_name(
    organ: str, signature: str | None, others: Sequence[str | None]
) -> str | None:
    """The same organ named in full where the page names it again: a title's
    城管执法局 (no place) is the signature's 沅江市城市管理和综合执法局; its 县政府办
    (县人民政府办公室) is the body's 府谷县人民政府办公室."""
    if signature and _LEVEL.search(organ) is None and signature[-1] == organ[-1]:
        return signature
    for candidate in (signature, *others):
        if candidate and candidate != organ and candidate.endswith(organ):
            return candidate
    return None
