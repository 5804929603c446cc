"""The organ × year panel and the checks across reports, as SQL views (migration
m010): one row per organ and reporting year with the headline figures of its latest
report, and the soft checks that compare an organ's reports of adjacent years."""

from govcrawl.template import REQUEST_COLUMNS

# One report per organ and year: the newest stored latest version (a republished or
# mirrored copy of the same report does not count twice).
_PICKED = """
picked as (
  select organ_key, year, max(id) as report_id, count(*) as copies
  from reports
  where latest = 1 and organ_key is not null and year is not null
  group by organ_key, year
)"""


def _total(row: str) -> str:
    return (
        f"(select total from requests where report_id = picked.report_id"
        f" and row_key = '{row}' and derived = 0)"
    )


def _withheld() -> str:
    return (
        "(select sum(total) from requests where report_id = picked.report_id"
        " and row_key like 'withheld\\_%' escape '\\' and derived = 0)"
    )


def _review(key: str) -> str:
    return f"(select {key} from review_litigation where report_id = picked.report_id)"


ORGAN_YEARS_SQL = f"""
with {_PICKED},
figures as (
  select picked.organ_key, picked.year, picked.report_id, picked.copies,
    {_total("new_requests")} as new_requests,
    {_total("carried_over")} as carried_over,
    {_total("granted")} as granted,
    {_total("partially_granted")} as partially_granted,
    {_withheld()} as refused,
    {_total("unable_not_held")} as not_held,
    {_total("total_processed")} as processed,
    {_total("carried_forward")} as carried_forward,
    {_review("review_total")} as reviews,
    {_review("suit_direct_total")} + {_review("suit_after_review_total")} as suits
  from picked
)
select figures.organ_key, organs.province, organs.city, organs.county, figures.year,
  figures.report_id, figures.copies, new_requests, carried_over, granted,
  partially_granted, refused, not_held, processed, carried_forward, reviews, suits,
  round(100.0 * (granted + partially_granted) / nullif(processed, 0), 1)
    as grant_rate_pct,
  round(100.0 * refused / nullif(processed, 0), 1) as refusal_rate_pct,
  round(100.0 * not_held / nullif(processed, 0), 1) as not_held_rate_pct
from figures left join organs on organs.key = figures.organ_key
"""


def _columns_equal(left: str, right: str) -> str:
    return " and ".join(f"{left}.{c} is {right}.{c}" for c in REQUEST_COLUMNS)


def _columns_differ(left: str, right: str) -> str:
    parts = [
        f"case when {left}.{c} is not {right}.{c} then '{c} ' || "
        f"coalesce({left}.{c}, 'blank') || '≠' || coalesce({right}.{c}, 'blank') "
        "|| '; ' else '' end"
        for c in REQUEST_COLUMNS
    ]
    return " || ".join(parts)


# X1: what a report carries forward (四、结转下年度继续办理) is what the organ's next
# report says it carried over (二、上年结转), applicant column by applicant column.
_CARRIED = f"""
select this.report_id, next.report_id as other_report_id, 'X1' as check_id,
  ({_columns_equal("fwd", "ovr")}) as ok,
  case when {_columns_equal("fwd", "ovr")}
    then 'X1: carried forward from ' || this.year || ' = carried over into '
      || next.year
    else 'X1: carried forward from ' || this.year || ' ≠ carried over into '
      || next.year || ': ' || {_columns_differ("fwd", "ovr")}
  end as message
from picked as this
join picked as next on next.organ_key = this.organ_key and next.year = this.year + 1
join requests as fwd on fwd.report_id = this.report_id
  and fwd.row_key = 'carried_forward' and fwd.derived = 0
join requests as ovr on ovr.report_id = next.report_id
  and ovr.row_key = 'carried_over' and ovr.derived = 0
"""


def _proactive(alias: str, report: str, key: str) -> str:
    return (
        f"(select value from proactive as {alias} where {alias}.report_id = {report}"
        f" and {alias}.key = '{key}')"
    )


def _in_force(kind: str) -> str:
    """X2: 现行有效件数 of year N = year N−1's + 本年制发 − 本年废止 (v2021 table 二)."""
    before = _proactive("b", "prev.report_id", f"{kind}_in_force")
    made = _proactive("m", "this.report_id", f"{kind}_made")
    repealed = _proactive("r", "this.report_id", f"{kind}_repealed")
    now = _proactive("n", "this.report_id", f"{kind}_in_force")
    expected = f"({before} + {made} - {repealed})"
    return f"""
select this.report_id, prev.report_id as other_report_id, 'X2' as check_id,
  {now} = {expected} as ok,
  'X2: {kind}_in_force ' || this.year || ' is ' || {now} || '; '
    || prev.year || ' had ' || {before} || ' + made ' || {made} || ' − repealed '
    || {repealed} || ' = ' || {expected} as message
from picked as this
join picked as prev on prev.organ_key = this.organ_key and prev.year = this.year - 1
where {now} is not null and {before} is not null and {made} is not null
  and {repealed} is not null
"""


_CLAIMS = """
select report_id, null as other_report_id, check_id, ok, message
from checks where mode = 'soft'
"""

CROSS_CHECKS_SQL = f"""
with {_PICKED}
{_CARRIED}
union all {_in_force("reg")}
union all {_in_force("norm")}
union all {_CLAIMS}
"""
