"""Page chrome that is not the report: font-size selectors, counters, print/share
buttons, breadcrumbs, site navigation, footers, widgets and chatbots (spec/portals.md
§3). Lines are judged whole: a chrome marker inside a prose sentence is kept."""

from __future__ import annotations

import re

from govcrawl.normalize import squash_spaces

# Each marker only appears in page chrome, never in a report sentence ending in 。
_MARKERS: tuple[tuple[str, str], ...] = (
    ("chatbot", r"智能问答机器人|很高兴为您服务|^hi[!！]"),
    ("chrome", r"选择阅读字号|视力保护色|字号\s*[:：]?\s*[【\[]"),
    ("chrome", r"[【\[]\s*大\s*中\s*小\s*[】\]]|字体\s*[:：]\s*[【\[]?\s*大"),
    ("chrome", r"打印本页|关闭窗口|分享到|【\s*(?:打印|关闭|收藏)\s*】"),
    ("chrome", r"(?:阅读次数|阅读量|浏览量|访问量|浏览次数|点击率|点击数)\s*[:：]"),
    ("widget", r"扫一扫在手机|扫一扫.{0,6}(?:手机|微信)"),
    ("widget", r"(?:^|\s)(?:关怀版|无障碍(?:阅读|浏览)?|长者模式)(?:\s|$)"),
    ("widget", r"^(?:简体|繁體|繁体)(?:中文)?\s*[|｜/]?\s*(?:繁體|繁体)?(?:中文)?$"),
    ("navigation", r"您(?:当前)?所在(?:的)?位置|当前位置\s*[:：]|网站导航|网站地图"),
    ("navigation", r"^首页\s*[>＞»/]|[>＞»]\s*正文$|/\s*正文$"),
    ("navigation", r"上一篇\s*[:：]|下一篇\s*[:：]|^(?:上一篇|下一篇)$|^相关链接"),
    ("footer", r"网站标识码|ICP备|公网安备|技术支持\s*[:：]|版权所有|网站声明"),
    ("footer", r"(?:^|\s)(?:主办|承办|协办)(?:单位)?\s*[:：]"),
)
_COMPILED = tuple((kind, re.compile(pattern, re.I)) for kind, pattern in _MARKERS)
# Sentences end in 。; chrome lines never do, and are short.
_PROSE_END = "。"
_MAX_CHROME_CHARS = 200

_META_LABELS = {
    "发布时间": "PubDate",
    "发布日期": "PubDate",
    "来源": "ContentSource",
    "信息来源": "ContentSource",
    "索引号": "索引号",
    "主题分类": "主题分类",
    "发布机构": "发布机构",
    "成文日期": "成文日期",
    "文号": "文号",
    "有效性": "有效性",
}
_CHROME_WORDS = (
    "选择阅读字号",
    "字号",
    "字体",
    "阅读次数",
    "浏览次数",
    "浏览量",
    "访问量",
)
# Ucap pages print the publish time alone on a line: `2025-01-26 15:07`.
_DATE_LINE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_META_RE = re.compile(
    r"(?P<label>" + "|".join(sorted(_META_LABELS, key=len, reverse=True)) + r")"
    r"\s*(?:[:：|｜]\s*)+"
    r"(?P<value>\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|[^\s|｜:：]+)"
)


def chrome_kind(line: str) -> str | None:
    """The kind of chrome a whole line is, or None when it may be report text."""
    text = squash_spaces(line)
    if not text or len(text) > _MAX_CHROME_CHARS or _PROSE_END in text:
        return None
    for kind, pattern in _COMPILED:
        if pattern.search(text):
            return kind
    return None


def line_meta(line: str) -> dict[str, str]:
    """Metadata printed in header lines and 索引号 tables, e.g. panzhihua's
    `www.panzhihua.gov.cn 发布时间:2023-01-19 来源:… 选择阅读字号:[ 大 中 小 ]`."""
    text = squash_spaces(line)
    if _DATE_LINE.match(text):
        return {"PubDate": text}
    found: dict[str, str] = {}
    for match in _META_RE.finditer(text):
        value = match.group("value")
        if value in _META_LABELS or value.startswith(_CHROME_WORDS):
            continue
        found.setdefault(_META_LABELS[match.group("label")], value)
    return found
