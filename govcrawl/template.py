"""The national template (spec/template.md) as data: versions, blocks, rows, columns,
keys and identities. These keys are govcrawl's vocabulary in items, JSON and SQLite."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

VERSIONS = ("v2019", "v2021")


@dataclass(frozen=True)
class Label:
    """A printed label and the key it maps to, with accepted variants."""

    key: str
    text: str
    aliases: tuple[str, ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.text, *self.aliases)


# --- Section headings (spec §1): numeral plus keyword, because wording drifts. ---

SECTIONS = (
    ("s1_overview", "一", ("总体情况",)),
    ("s2_proactive", "二", ("主动公开",)),
    ("s3_requests", "三", ("申请",)),
    ("s4_review_litigation", "四", ("复议", "诉讼")),
    ("s5_problems", "五", ("问题",)),
    ("s6_other", "六", ("其他",)),
)


# --- Table 二 (spec §2): block titles, row labels, column labels per version. ---

BLOCK_NUMERALS = {
    "一": "a20_1",
    "五": "a20_5",
    "六": "a20_6",
    "八": "a20_8",
    "九": "a20_9",
}

PROACTIVE_ROWS = {
    "a20_1": (
        Label("reg", "规章"),
        Label("norm", "行政规范性文件", ("规范性文件", "规范性档案")),
    ),
    "a20_5": (
        Label("licensing", "行政许可"),
        Label("other_services", "其他对外管理服务事项"),
    ),
    "a20_6": (Label("penalty", "行政处罚"), Label("coercion", "行政强制")),
    "a20_8": (Label("fee", "行政事业性收费"),),
    "a20_9": (Label("procurement", "政府集中采购"),),
}

# Column label -> (column key suffix, version that prints it).
PROACTIVE_COLUMNS = (
    (Label("made", "本年制发件数"), "v2021"),
    (Label("repealed", "本年废止件数"), "v2021"),
    (Label("in_force", "现行有效件数", ("现行有效件",)), "v2021"),
    (Label("decisions", "本年处理决定数量"), "v2021"),
    (Label("amount_wan", "本年收费金额(单位:万元)", ("本年收费金额",)), "v2021"),
    (Label("new_made", "本年新制作数量"), "v2019"),
    (Label("new_published", "本年新公开数量"), "v2019"),
    (Label("total_published", "对外公开总数量"), "v2019"),
    (Label("prev_items", "上一年项目数量"), "v2019"),
    (Label("items_change", "本年增/减", ("本年增减",)), "v2019"),
    (Label("decisions", "处理决定数量"), "v2019"),
    (Label("items", "采购项目数量"), "v2019"),
    (Label("amount_wan", "采购总金额"), "v2019"),
)

PROACTIVE_KEYS = {
    "v2021": (
        "reg_made", "reg_repealed", "reg_in_force",
        "norm_made", "norm_repealed", "norm_in_force",
        "licensing_decisions", "penalty_decisions", "coercion_decisions",
        "fee_amount_wan",
    ),
    "v2019": (
        "reg_new_made", "reg_new_published", "reg_total_published",
        "norm_new_made", "norm_new_published", "norm_total_published",
        "licensing_prev_items", "licensing_items_change", "licensing_decisions",
        "other_services_prev_items", "other_services_items_change",
        "other_services_decisions",
        "penalty_prev_items", "penalty_items_change", "penalty_decisions",
        "coercion_prev_items", "coercion_items_change", "coercion_decisions",
        "fee_prev_items", "fee_items_change",
        "procurement_items", "procurement_amount_wan",
    ),
}  # fmt: skip

SIGNED_PROACTIVE = frozenset(
    k for k in PROACTIVE_KEYS["v2019"] if k.endswith("_change")
)
DECIMAL_PROACTIVE = frozenset({"fee_amount_wan", "procurement_amount_wan"})


# --- Table 三 (spec §3). ---

APPLICANT_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
)
REQUEST_COLUMNS = (*APPLICANT_COLUMNS, "total")


@dataclass(frozen=True)
class Column:
    """A header cell; group cells have children and an empty key."""

    label: Label
    children: tuple[Column, ...] = ()


def _leaves(*labels: Label) -> tuple[Column, ...]:
    return tuple(Column(label) for label in labels)


# The 申请人情况 header tree under its wrapper cell (spec §3.1).
REQUEST_HEADER = (
    Column(Label("natural_person", "自然人")),
    Column(
        Label("", "法人或其他组织"),
        _leaves(
            Label("commercial", "商业企业"),
            Label("research", "科研机构"),
            Label("social_welfare", "社会公益组织"),
            Label("legal_service", "法律服务机构"),
            Label("other_org", "其他"),
        ),
    ),
    Column(Label("total", "总计")),
)
REQUEST_HEADER_WRAPPER = "申请人情况"
REQUEST_HEADER_NOTE = "勾稽关系"

REQUEST_GROUPS = (
    Label("results", "三、本年度办理结果"),
    Label("withheld_subtotal", "(三)不予公开"),
    Label("unable_subtotal", "(四)无法提供"),
    Label("not_processed_subtotal", "(五)不予处理"),
)

REQUEST_ROWS = (
    Label("new_requests", "一、本年新收政府信息公开申请数量"),
    Label("carried_over", "二、上年结转政府信息公开申请数量"),
    Label("granted", "(一)予以公开"),
    Label("partially_granted", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)"),
    Label("withheld_state_secret", "1.属于国家秘密"),
    Label("withheld_law_prohibited", "2.其他法律行政法规禁止公开"),
    Label("withheld_security_stability", '3.危及"三安全一稳定"'),
    Label("withheld_third_party", "4.保护第三方合法权益"),
    Label("withheld_internal_affairs", "5.属于三类内部事务信息"),
    Label("withheld_process_info", "6.属于四类过程性信息"),
    Label("withheld_enforcement_file", "7.属于行政执法案卷"),
    Label("withheld_admin_query", "8.属于行政查询事项"),
    Label("unable_not_held", "1.本机关不掌握相关政府信息"),
    Label("unable_need_creation", "2.没有现成信息需要另行制作"),
    Label("unable_unclear", "3.补正后申请内容仍不明确"),
    Label("not_processed_complaint", "1.信访举报投诉类申请"),
    Label("not_processed_duplicate", "2.重复申请"),
    Label("not_processed_publication", "3.要求提供公开出版物"),
    Label("not_processed_excessive", "4.无正当理由大量反复申请"),
    Label("not_processed_confirm", "5.要求行政机关确认或重新出具已获取信息"),
    Label("other_handling", "(六)其他处理"),
    Label(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    Label(
        "other_no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    Label("other_misc", "3.其他"),
    Label("total_processed", "(七)总计"),
    Label("carried_forward", "四、结转下年度继续办理"),
)
REQUEST_ROW_KEYS = tuple(label.key for label in REQUEST_ROWS)

WITHHELD_ROWS = tuple(k for k in REQUEST_ROW_KEYS if k.startswith("withheld_"))
UNABLE_ROWS = tuple(k for k in REQUEST_ROW_KEYS if k.startswith("unable_"))
NOT_PROCESSED_ROWS = tuple(
    k for k in REQUEST_ROW_KEYS if k.startswith("not_processed_")
)
OTHER_SUBROWS = ("other_no_correction", "other_no_fee", "other_misc")
RESULT_LEAVES_COMMON = (
    "granted",
    "partially_granted",
    *WITHHELD_ROWS,
    *UNABLE_ROWS,
    *NOT_PROCESSED_ROWS,
)
SUBTOTALS = {
    "withheld_subtotal": WITHHELD_ROWS,
    "unable_subtotal": UNABLE_ROWS,
    "not_processed_subtotal": NOT_PROCESSED_ROWS,
}
# The numbered groups of table 三: group key -> its sub-rows, numbered 1, 2, ... in
# this order. (六)其他处理 is a group in v2021 and a data row in v2019.
SUBROW_GROUPS = {**SUBTOTALS, "other_handling": OTHER_SUBROWS}


def result_leaves(printed_rows: Iterable[str]) -> tuple[str, ...]:
    """The result rows (七)总计 adds up: (六) as one row (v2019) or three (v2021)."""
    if set(printed_rows) & set(OTHER_SUBROWS):
        return (*RESULT_LEAVES_COMMON, *OTHER_SUBROWS)
    return (*RESULT_LEAVES_COMMON, "other_handling")


def request_rows(version: str) -> tuple[str, ...]:
    """Data rows printed in table 三 of a template version (23 or 25)."""
    if version == "v2019":
        return tuple(k for k in REQUEST_ROW_KEYS if k not in OTHER_SUBROWS)
    return tuple(k for k in REQUEST_ROW_KEYS if k != "other_handling")


# --- Table 四 (spec §4). ---

REVIEW_LITIGATION_KEYS = (
    "review_upheld", "review_corrected", "review_other", "review_pending",
    "review_total",
    "suit_direct_upheld", "suit_direct_corrected", "suit_direct_other",
    "suit_direct_pending", "suit_direct_total",
    "suit_after_review_upheld", "suit_after_review_corrected",
    "suit_after_review_other", "suit_after_review_pending",
    "suit_after_review_total",
)  # fmt: skip

_OUTCOMES = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


def _outcome_group(prefix: str) -> tuple[Column, ...]:
    return _leaves(*(Label(f"{prefix}_{key}", text) for key, text in _OUTCOMES))


# The table 四 header tree (spec §4).
REVIEW_HEADER = (
    Column(Label("", "行政复议"), _outcome_group("review")),
    Column(
        Label("", "行政诉讼"),
        (
            Column(Label("", "未经复议直接起诉"), _outcome_group("suit_direct")),
            Column(Label("", "复议后起诉"), _outcome_group("suit_after_review")),
        ),
    ),
)


# --- Version signals (spec §0): by content, never by year. ---

V2021_SIGNALS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")
V2021_REQUEST_SIGNALS = ("逾期不补正", "逾期未按收费通知")
V2019_SIGNALS = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第(九)项",
    "政府集中采购",
)


# --- Identities (spec §5). ---


@dataclass(frozen=True)
class Identity:
    id: str
    equation: str


IDENTITIES = (
    Identity("B1", "new_requests + carried_over = total_processed + carried_forward"),
    Identity("B2", "total_processed = sum of the result leaf rows"),
    Identity("B3", "total = sum of the six applicant columns, every row"),
    Identity("B4", "review_total = review_upheld + corrected + other + pending"),
    Identity("B5", "suit_direct_total = sum of its four outcomes"),
    Identity("B6", "suit_after_review_total = sum of its four outcomes"),
    Identity("B7", "every count is an integer >= 0 (v2019 *_items_change signed)"),
)
