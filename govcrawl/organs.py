"""Organs: one normalised key per publishing organ, so one organ's reports line up
across years and sources (西区政府 / 攀枝花市西区人民政府 / a mirror's copy), and the
region (province, city, county) its name or its portal names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from govcrawl.patterns import Regex, lazy
from govcrawl.portals import PORTALS

PROVINCES = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省",
    "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省",
    "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省",
    "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
)  # fmt: skip
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
# A province named without its suffix (四川, 新疆): the part before 省/市/自治区/…
_SHORT_PROVINCES = {
    re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", p): p
    for p in PROVINCES
}
# Placed at the start of a name: a city-level unit, then a county-level one. Bounded
# repetition keeps both linear on any input.
_CITY = lazy(r"[\u4e00-\u9fff]{1,9}?(?:自治州|地区|盟|市|州)")
_COUNTY = lazy(r"[\u4e00-\u9fff]{1,9}?(?:自治县|自治旗|县|区|旗|市)")
_PUNCTUATION = re.compile(r"[\s\u3000·•()（）《》〈〉\"'“”‘’、,，.。:：;；|/\\-]+")
# 政府 not preceded by 人民: the organ's full name is …人民政府 (镇政府 -> 镇人民政府).
_SHORT_GOVERNMENT = re.compile(r"(?<!人民)政府$")


@dataclass(frozen=True)
class Region:
    province: str | None = None
    city: str | None = None
    county: str | None = None


@dataclass(frozen=True)
class Organ:
    key: str
    name: str
    region: Region


def normalise_name(name: str) -> str:
    """The organ's name with spaces and punctuation removed and 政府 spelled out."""
    return _SHORT_GOVERNMENT.sub("人民政府", _PUNCTUATION.sub("", name))


def organ_of(agency: str | None, portal: str | None = None) -> Organ | None:
    """The organ behind a report's agency; the portal's own organ qualifies a name
    that is the tail of it (西区人民政府 on 攀枝花市西区人民政府's portal)."""
    if not agency:
        return None
    name = normalise_name(agency)
    if not name:
        return None
    home = PORTALS.get(portal or "")
    home_name = normalise_name(home.name) if home else ""
    if home_name and home_name != name and home_name.endswith(name):
        name = home_name
    home_region = Region(*home.region) if home else None
    region = region_of(name, home_region)
    if home_name and _printed_region(name) == Region():
        # A department naming no place (城管执法局) is its portal government's.
        name = home_name.removesuffix("人民政府") + name
    return Organ(key=name, name=name, region=region)


def region_of(name: str, home: Region | None = None) -> Region:
    """Province, city and county as the name prints them, the levels above taken from
    the portal's own region where the name starts inside it (or names no place)."""
    printed = _printed_region(name)
    if home is None:
        return printed
    if home.county and name.startswith(home.county):
        return home
    if home.city and name.startswith(home.city):
        rest = name[len(home.city) :]
        return Region(home.province, home.city, _level(_COUNTY, rest)[0])
    if printed == Region():
        return home
    if printed.province is None and printed.city is None:
        return Region(home.province, home.city, printed.county)
    return printed


def _printed_region(name: str) -> Region:
    province, rest = _province(name)
    city = None
    if province not in _MUNICIPALITIES:
        city, rest = _level(_CITY, rest)
    county, _ = _level(_COUNTY, rest)
    return Region(province, city, county)


def _province(name: str) -> tuple[str | None, str]:
    for full in PROVINCES:
        if name.startswith(full):
            return full, name[len(full) :]
    for short, full in _SHORT_PROVINCES.items():
        if len(short) >= 2 and name.startswith(short):
            return full, name[len(short) :]
    return None, name


def _level(pattern: Regex, text: str) -> tuple[str | None, str]:
    match = pattern.match(text)
    if match is None or _is_organ_word(match.group()):
        return None, text
    return match.group(), text[match.end() :]


def _is_organ_word(place: str) -> bool:
    """城市管理局 starts with 城市, 区域 with 区: a place needs two characters before
    its suffix, and a few organ words are never places."""
    return len(place) < 2 or place.startswith(("城市", "地区")) or place in _NOT_PLACES


_NOT_PLACES = frozenset({"自治区", "社区", "园区", "开发区", "景区", "新区"})
