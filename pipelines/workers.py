"""What a flow worker process does when it starts: import the flow and read one small
page, then wait for its siblings, so that the crawl opens once every worker can take
a page at full speed."""

from __future__ import annotations

from multiprocessing.synchronize import Barrier

# Importing the flow takes a worker about half a second of CPU, seconds when the
# machine is busy; a worker that has not started in this time breaks the pool.
START_TIMEOUT = 300.0
# Clean and parse build their tables (opencc's characters, title and label patterns)
# on first use, 0.2 s of the first report otherwise.
FIRST_PAGE = (
    "<html><head><title>某县2020年政府信息公开工作年度报告</title></head><body>"
    "<h1>某县2020年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
    "<table><tr><td>信息内容</td><td>本年制发件数</td></tr>"
    "<tr><td>规章</td><td>0</td></tr></table></body></html>"
).encode()


def started(barrier: Barrier) -> None:
    from govcrawl.flow import Document, clean_parse_validate

    clean_parse_validate(Document(FIRST_PAGE, "http://127.0.0.1/first.html"))
    barrier.wait(START_TIMEOUT)
