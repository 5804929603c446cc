"""Page chrome that is not the report: font-size selectors, counters, print/share
buttons, breadcrumbs, site navigation, footers, widgets and chatbots (spec/portals.md
§3). Lines are judged whole: a chrome marker inside a prose sentence is kept. Lines are
matched in their match_key form, so traditional and pinyin-annotated chrome (`字體:[ ]`,
`累計(jì)次數(shù):`) is chrome too."""

from __future__ import annotations

import re

from govcrawl.normalize import match_key, squash_spaces
from govcrawl.patterns import lazy

# Site-bar words that make up a line on their own (hainanzhou's 站群导航 / 加入收藏 /
# 设为首页 / 手机版 / 全文检索, xjyn's `登录| 注册`).
_SITE_WORDS = (
    "站群导航",
    "加入收藏",
    "设为首页",
    "手机版",
    "全文检索",
    "登录",
    "注册",
    "无障碍",
    "繁体",
    "简体",
    "个人中心",
)
# Each marker only appears in page chrome, never in a report sentence ending in 。
_MARKERS: tuple[tuple[str, str], ...] = (
    ("chatbot", r"智能问答机器人|很高兴为您服务|^(?i:hi)[!！]"),
    ("chrome", r"选择阅读字号|视力保护色|字号\s*[:：]?\s*[【\[]"),
    (
        "chrome",
        r"[【\[]\s*大\s*中\s*小\s*[】\]]|字体\s*[:：]\s*(?:[【\[]|特?大|分享|$)|字体大小",
    ),
    ("chrome", r"打印本页|关闭窗口|分享到|分享\s*[:：]|【\s*(?:打印|关闭|收藏)\s*】"),
    (
        "chrome",
        r"(?:(?:阅读|浏览|访问|点击)(?:次数|量|数|率|人次)|累计(?:访问|浏览)?次数)\s*[:：]",
    ),
    ("chrome", r"^[•·\-*\s]*(?:字号|字体|打印|关闭|收藏|分享)\s*[:：]?[\s|｜]*$"),
    ("widget", r"扫一扫在手机|扫一扫.{0,6}(?:手机|微信)"),
    ("widget", r"(?:^|\s)(?:关怀版|长者版|无障碍(?:阅读|浏览)?|长者模式)(?:\s|$)"),
    ("widget", r"^(?:简体|繁體|繁体)(?:中文)?\s*[|｜/]?\s*(?:繁體|繁体)?(?:中文)?$"),
    ("widget", r"^(?:(?:" + "|".join(_SITE_WORDS) + r")\s*[|｜/]?\s*)+$"),
    ("widget", r"(?:邮箱|门户|用户|个人|法人)登录|无障碍说明|导盲模式"),
    # Date widgets: `今天是:`, `----年--月-日 星期-` (the script fills them in).
    ("widget", r"^今天是|年\s*[-\d]*\s*月\s*[-\d]*\s*日\s*星期\S?$"),
    ("navigation", r"您(?:当前|现在)?(?:所在)?的?位置|当前位置\s*[:：>＞]"),
    ("navigation", r"网站导航|网站地图|^点击查看解读$|^首页(?:\s+\S{2,6}){3,}$"),
    ("navigation", r"^首页\s*[>＞»/]|[>＞»]\s*正文$|/\s*正文$|^[>＞»].*[>＞»]"),
    ("navigation", r"上一篇\s*[:：]|下一篇\s*[:：]|^(?:上一篇|下一篇)$|^相关链接"),
    ("footer", r"网站标识码|(?i:ICP)备|公网安备|技术支持\s*[:：]|版权所有|网站声明"),
    ("footer", r"(?:^|\s)(?:主办|承办|协办)(?:单位)?\s*[:：]"),
)
# Only hi and ICP have a case; the rest compile as they are, where re.I would fold
# every CJK character of them (a third of the markers' compile time).
_COMPILED = tuple((kind, lazy(pattern)) for kind, pattern in _MARKERS)
# Any of the markers: one search tells most lines from chrome, 18 searches told them.
# The kind is the first marker's in the list that matches, found then.
_ANY_MARKER = lazy("|".join(f"(?:{pattern})" for _, pattern in _MARKERS))
# Sentences end in 。; chrome lines never do, and are short. The one exception is a
# screen-reader notice (xjyn.gov.cn: `按回车键在新窗口打开无障碍说明页面,按Ctrl+~键打开导盲模式。`).
_PROSE_END = "。"
_NOTICE = re.compile(r"无障碍说明|导盲模式")
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
# Ucap pages print the publish time alone on a line: `2025-01-26 15:07`; others run
# widgets after it (xiangqiao.gov.cn: `2024-01-23 16:45 稿件作者: 浏览量:- 【浏览字体: 】`).
_DATE_LINE = re.compile(
    r"^(\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)(?:\s\D*)?$"
)
_LABEL_ALTERNATIVES = "|".join(sorted(_META_LABELS, key=len, reverse=True))
# An empty field is followed by the next label, never valued by it (hainanzhou's
# `来源: 发布时间:2023-03-17`).
_META_RE = lazy(
    rf"(?P<label>{_LABEL_ALTERNATIVES})\s*(?:[:：|｜]\s*)+(?!{_LABEL_ALTERNATIVES})"
    r"(?P<value>\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|[^\s|｜:：]+)"
)
# The page's date under a plain 时间/日期 label or one ending so (撰写时间, 生成日期,
# 信息提供日期): gdmx's `时间:2020-01-23 来源:本网 【字体: 大 …`; not a date the
# document is in force, repealed, written or updated from.
# A byline's one date beside its source, unlabelled and after a space (yn.gov.cn:
# `来源:云南省人民政府办公厅   2020-03-31 17:13:25 【字体:`).
_BYLINE_DATES = re.compile(r"(?<=\s)(\d{4}-\d{1,2}-\d{1,2})(?![\d-])")
_NOT_PUBLISHED = (
    "生效",
    "废止",
    "失效",
    "有效",
    "截止",
    "实施",
    "更新",
    "成文",
    "印发",
    "发文",
)
_DATE_LABEL_RE = lazy(
    "".join(f"(?<!{word})" for word in _NOT_PUBLISHED)
    + r"(?:时间|日期)\s*[:：]\s*(\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
)


def chrome_kind(line: str) -> str | None:
    """The kind of chrome a whole line is, or None when it may be report text."""
    # Annotations at most treble a line; folding a long text or a sentence (障 and 盲
    # are the notice's characters in either script) is wasted. Squashing keeps these
    # characters, so a sentence is told before it (the text of a whole block, often).
    if _PROSE_END in line and "障" not in line and "盲" not in line:
        return None
    text = squash_spaces(line)
    if not text or len(text) > 3 * _MAX_CHROME_CHARS:
        return None
    text = match_key(text)
    if len(text) > _MAX_CHROME_CHARS:
        return None
    if _PROSE_END in text and not _NOTICE.search(text):
        return None
    if not _ANY_MARKER.search(text):
        return None
    for kind, pattern in _COMPILED:
        if pattern.search(text):
            return kind
    return None


def line_meta(line: str) -> dict[str, str]:
    """Metadata printed in header lines and 索引号 tables, e.g. panzhihua's
    `www.panzhihua.gov.cn 发布时间:2023-01-19 来源:… 选择阅读字号:[ 大 中 小 ]`."""
    text = squash_spaces(match_key(line))
    dated = _DATE_LINE.match(text)
    if dated:
        return {"PubDate": dated.group(1)}
    found: dict[str, str] = {}
    for match in _META_RE.finditer(text):
        value = match.group("value")
        if value in _META_LABELS or value.startswith(_CHROME_WORDS):
            continue
        found.setdefault(_META_LABELS[match.group("label")], value)
    dated = None if "PubDate" in found else _DATE_LABEL_RE.search(text)
    if dated:
        found["PubDate"] = dated.group(1)
    bylined = _BYLINE_DATES.findall(text) if "ContentSource" in found else []
    if "PubDate" not in found and len(bylined) == 1:
        found["PubDate"] = bylined[0]
    return found
