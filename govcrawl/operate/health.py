"""Health of the crawl per portal, as SQL views the store's migration m007 creates and
Datasette shows (govcrawl/browse/metadata.yml): last successful run, reports per year,
failed runs, blocked pages and expected years with no report; and (m011) the lists whose
last reading found fewer entries than they declare."""

# A report is expected for every year from 2019, or from the portal's first year seen if
# later, to last year; a portal that never yielded a report is missing all of them.
PORTAL_YEARS_SQL = """
select portal, year, count(*) as reports,
  sum(status = 'ok') as balanced,
  sum(status != 'ok') as not_balanced
from reports
where latest = 1 and year is not null
group by portal, year
"""

PORTAL_HEALTH_SQL = """
with recursive
portals(portal) as (select spider from crawl_runs union select portal from reports),
runs as (
  select spider as portal, max(id) as last_run_id, count(*) as runs,
    sum(status in ('failed', 'failures')) as failed_runs,
    max(case when status = 'ok' then finished end) as last_success
  from crawl_runs group by spider
),
bounds as (
  select portal, min(year) as first_year, max(year) as last_year,
    sum(reports) as reports, group_concat(year || ': ' || reports, ', ') as per_year
  from (select * from portal_years order by portal, year) group by portal
),
expected(portal, year, until) as (
  select portals.portal, max(coalesce(bounds.first_year, 2019), 2019),
    cast(strftime('%Y', 'now') as integer) - 1
  from portals left join bounds on bounds.portal = portals.portal
  union all
  select portal, year + 1, until from expected where year < until
),
missing as (
  select portal, group_concat(year, ' ') as years from (
    select * from expected where year <= until and not exists (
      select 1 from portal_years
      where portal_years.portal = expected.portal and portal_years.year = expected.year
    ) order by portal, year
  ) group by portal
),
blocked as (
  select portal, count(distinct url) as pages from blocked_pages group by portal
)
select portals.portal,
  last_run.started as last_run_started,
  last_run.status as last_run_status,
  last_run.failures as last_run_failures,
  runs.last_success,
  coalesce(runs.runs, 0) as runs,
  coalesce(runs.failed_runs, 0) as failed_runs,
  coalesce(bounds.reports, 0) as reports,
  bounds.per_year as reports_per_year,
  bounds.first_year,
  bounds.last_year,
  coalesce(blocked.pages, 0) as blocked_pages,
  missing.years as missing_years
from portals
left join runs on runs.portal = portals.portal
left join crawl_runs as last_run on last_run.id = runs.last_run_id
left join bounds on bounds.portal = portals.portal
left join blocked on blocked.portal = portals.portal
left join missing on missing.portal = portals.portal
order by portals.portal
"""

# The latest reading of each list (its first page's row) that came up short.
INCOMPLETE_LISTS_SQL = """
select portal, list_url, adapter, found, declared, declared_from, reason,
  fetched_at as last_read, run_id
from list_pages
where id in (
  select max(id) from list_pages group by portal, list_url
) and complete = 0
order by portal, list_url
"""
