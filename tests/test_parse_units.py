"""The parser's parts on small inline inputs."""

from __future__ import annotations

import pytest

from govcrawl.parse import parse_report
from govcrawl.parse.labels import align_header, match_label
from govcrawl.parse.values import parse_cell
from govcrawl.template import REQUEST_HEADER, REQUEST_ROWS, REVIEW_HEADER


@pytest.mark.parametrize(
    ("text", "value", "flag", "unit"),
    [
        ("增77", 77, None, None),
        ("减5", -5, None, None),
        ("+2", 2, None, None),
        ("－1", -1, None, None),
        ("7540.77万元", 7540.77, None, "万元"),
        ("251000元", 251000, None, "元"),
        ("1,038", 1038, None, None),
        ("\u00a0", None, "blank", None),
        ("/", None, "slash", None),
        ("-", None, "dash", None),
        ("—", None, "dash", None),
        ("无", None, "none_word", None),
        ("约5", None, "unreadable", None),
    ],
)
def test_cells(text, value, flag, unit):
    cell = parse_cell(text)
    assert (cell.value, cell.flag, cell.unit) == (value, flag, unit)


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("（一）予以公开", "granted"),
        ("3.危及“三安全一稳定”", "withheld_security_stability"),
        ("3.危及'三安全一稳定'", "withheld_security_stability"),
        ("三、 本年 度办 理结 果", None),
        (
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
            "other_no_correction",
        ),
        ("2.其他法律行政法规禁止公开", "withheld_law_prohibited"),
        ("四、结转下年度继续办理", "carried_forward"),
        ("网站导航", None),
    ],
)
def test_row_labels(printed, key):
    from govcrawl.normalize import label_key

    label = match_label(label_key(printed), REQUEST_ROWS)
    assert (label.key if label else None) == key


def test_request_header_permuted_siblings_follow_labels():
    printed = ["自然人", "法人或其他组织", "总计", "科研机构", "商业企业", "社会公益组织",
               "法律服务机构", "其他"]  # fmt: skip
    leaves, findings = align_header(printed, REQUEST_HEADER, "t3")
    assert leaves == ["natural_person", "research", "commercial", "social_welfare",
                      "legal_service", "other_org", "total"]  # fmt: skip
    assert findings == []


def test_review_header_truncated_labels_resolved_by_elimination():
    printed = ["行政复议", "行政诉讼", "结果维持", "结果", "其他", "尚未", "总计",
               "未经复议直接起诉", "复议后起诉"] + ["结果维持", "结果纠正", "其他结果",
               "尚未审结", "总计"] * 2  # fmt: skip
    leaves, findings = align_header(printed, REVIEW_HEADER, "t4")
    assert leaves[:5] == ["review_upheld", "review_corrected", "review_other",
                          "review_pending", "review_total"]  # fmt: skip
    assert findings == []


HTML_TABLE3 = """<table>
<tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
<td colspan=7>申请人情况</td></tr>
<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>
<tr><td>商业<br/>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td>
<td>其他</td></tr>
<tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td><p>4</p></td><td>&nbsp;</td>
<td>0</td><td>0</td><td>1</td><td>0</td><td>&nbsp;</td></tr>
<tr><td colspan=3>网站导航</td><td>9</td></tr>
</table>"""


def test_html_blank_total_is_derived_and_flagged():
    report = parse_report(HTML_TABLE3, source="inline")
    row = report.requests["new_requests"]
    assert row["natural_person"] == 4 and row["commercial"] is None
    assert row["total"] == 5
    assert report.flags["requests.new_requests.commercial"] == "blank"
    assert report.flags["requests.new_requests.total"] == "derived"
    kinds = {finding.kind for finding in report.findings}
    assert {"unknown_label", "missing_table", "derived_total"} <= kinds


def test_unknown_row_label_is_recorded_with_its_text():
    report = parse_report(HTML_TABLE3, source="inline")
    unknown = [f.message for f in report.findings if f.kind == "unknown_label"]
    assert any("网站导航" in message for message in unknown)


def test_pinyin_and_traditional_labels():
    text = (
        "第二十条第(一)项 |\n信息內容 |\n本年制(zhì)發件數 |\n本年廢止件數 |\n現行有效件數 |\n"
        "規章 |\n1 |\n0 |\n3 |\n行政規範性文(wen)件 |\n2 |\n0 |\n4 |\n"
    )
    report = parse_report(text * 1, source="inline", html=False)
    assert report.template == "v2021"
    assert report.proactive["reg_made"] == 1 and report.proactive["norm_in_force"] == 4


def test_v2019_procurement_without_unit_is_unknown():
    text = "第二十条第（九）项 | ||\n信息内容 | 采购项目数量 | 采购总金额 |\n政府集中采购 | 3 | 1200 |\n"
    report = parse_report(text, source="inline")
    assert report.template == "v2019"
    assert report.proactive["procurement_items"] == 3
    assert report.proactive["procurement_amount_wan"] is None
    assert report.flags["proactive.procurement_amount_wan"] == "unit_unknown"
    assert report.raw["proactive.procurement_amount_wan"] == "1200"


def test_mixed_template_is_reported():
    text = ("第二十条第(一)项 |\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
            "规章 | 0 | 0 | 0 |\n第二十条第(八)项 |\n信息内容 | 本年收费金额(单位:万元) |\n"
            "行政事业性收费 | 2.5 |\n")  # fmt: skip
    report = parse_report(text, source="inline")
    assert report.template == "mixed"
    assert report.proactive["reg_new_made"] == 0
    assert report.proactive["fee_amount_wan"] == 2.5


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("2025-01-26 15:07", "2025-01-26"),
        ("2023/1/9 10:00", "2023-01-09"),
        ("发布时间：2023年1月9日", "2023-01-09"),
        ("2023-02-30", None),
        ("阅读次数:", None),
    ],
)
def test_page_dates_normalised(printed, iso):
    from govcrawl.dates import iso_date

    assert iso_date(printed) == iso
