"""Organ names: what looks like one, the organ a report title names, and the
labelling rules' normal form (a place alone is that place's government)."""

from __future__ import annotations

import re
from functools import lru_cache

from govcrawl.normalize import CJK, fold_width, to_simplified
from govcrawl.patterns import lazy

# The last characters of an organ's name: 人民政府, 办公室, 委员会, …局, …署, 办事处,
# 行政公署, and the places whose government a title may name alone.
# The lookahead names every alternative's first character: a pattern trying an organ
# at each length fails on one test of most characters, not on twenty alternatives.
ORGAN_END = (
    r"(?=[政办委管公中局厅院署所站队部处会社馆室省市县区旗盟州乡镇街地苏])"
    r"(?:政府|办公厅|办公室|委员会|管委会|办事处|公署|中心|[局厅委办院署所站队部处会社馆室]"
    r"|[省市县区旗盟州乡镇街]|街道|地区|苏木)"
)
_ORGAN = lazy(rf"^[{CJK}()·]{{2,40}}$")
_ENDS_AS_ORGAN = lazy(rf"{ORGAN_END}$")
# A level word with a name before it: 鹤岗市, 和田县, 自治区, 下各镇 — not a bare
# 县教育局 or 区政府国资局, whose place the title leaves out.
_NAMED_PLACE = lazy(rf"^[{CJK}]+?(?:省|自治区|市|县|区|旗|盟|州|地区|乡|镇|街道|苏木)")
# Development zones are run by a management committee: 益阳高新区 -> 益阳高新区管委会.
_ZONE = re.compile(r"(?:高新|开发|经开|新|园|示范|试验|实验|保税|合作|工业|产业)区$")
# Spam brands glued where an organ's name was (美高梅娱乐城办公厅).
_SPAM = re.compile(
    r"娱乐|博彩|彩票|赌|投注|葡京|威尼斯人|百家乐|老虎机|棋牌|买球|皇冠|图库"
)
# A sentence is no name: 水阳镇政府依托宣州区人民政府, 根据甘肃省人民政府, 准确的在
# 市政府入口网站和法制办.
_SENTENCE = re.compile(
    r"依托|通过|根据|按照|依据|继续|坚持|认真|关于|利用|借助|结合|围绕|积极|进一步|以及"
    r"|的|网站"
)
# A pronoun or a determiner is no name: 我乡人民政府, 本局, 该县.
_NOT_NAME = re.compile(r"^(?:我|本|该|全|各|其|度|年)")
# Variant characters opencc leaves (陜西省 for 陕西省).
_VARIANTS = str.maketrans({"陜": "陕"})
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?度?")
# A kind of organ, no organ: a title's bare 办公厅 names no one (a mirror's spam brand
# stood before it: 美高梅娛樂城办公厅2022年…).
_GENERIC = frozenset(
    ("办公厅", "办公室", "人民政府", "政府", "委员会", "管委会", "管理委员会", "办事处")
)
_REPORT_PHRASE = re.compile(
    r"(?:政府)?(?:信息|政务)公开(?:工作)?(?:年度)?(?:工作)?(?:情况)?的?"
    r"(?:年度报告|年度工作报告|年报|报告)$"
)
_PLACE_GOVERNMENT = (
    (_ZONE, "管委会"),
    (re.compile(r"街道$"), "办事处"),
    (re.compile(r"街$"), "道办事处"),
    (re.compile(r"苏木$"), "人民政府"),
    (re.compile(r"地区$"), "行政公署"),
    (re.compile(r"[县区市旗乡镇省州盟]$"), "人民政府"),
)


# A report's title and its organs are read by the heading, agency and list readers
# in turn (each title three times): the answers depend on the text alone.
@lru_cache(maxsize=4096)
def simplified_organ(text: str) -> str:
    return re.sub(r"\s+", "", fold_width(to_simplified(text))).translate(_VARIANTS)


@lru_cache(maxsize=4096)
def is_organ(text: str) -> bool:
    """Only CJK (no brand letters, digits or marks) and ending as an organ does."""
    return bool(
        _ORGAN.match(text)
        and _ENDS_AS_ORGAN.search(text)
        and not _SPAM.search(text)
        and not _SENTENCE.search(text)
        and not _NOT_NAME.match(text)
    )


def names_place(organ: str) -> bool:
    return bool(_NAMED_PLACE.match(organ))


@lru_cache(maxsize=4096)
def title_organ(title: str) -> str | None:
    """The organ a report title names, before or after its year, in normal form:
    伊宁县政府信息公开工作2023年度报告 -> 伊宁县人民政府."""
    text = _YEAR.sub("", simplified_organ(title))
    found = _REPORT_PHRASE.search(text)
    if found is None:
        return None
    organ = normal_organ(text[: found.start()])
    if organ in _GENERIC:
        return None
    return organ if organ and is_organ(organ) else None


@lru_cache(maxsize=4096)
def normal_organ(organ: str) -> str:
    """人民 -> 人民政府, 镇政府 -> 镇人民政府, a place alone -> its government."""
    organ = re.sub(r"人民$", "人民政府", organ)
    organ = re.sub(
        r"(?<=[县区市旗乡镇省州盟])(?:人民)?政府办$", "人民政府办公室", organ
    )
    organ = re.sub(r"(?<=[县区市旗乡镇省州盟])政府$", "人民政府", organ)
    for place, government in _PLACE_GOVERNMENT:
        if place.search(organ):
            return organ + government
    return organ
