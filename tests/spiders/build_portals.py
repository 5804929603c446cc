"""Build the fixture portals under govcrawl/demo/portals/ from the report bodies in
tests/fixtures/reports/ (helper A's pages of the reference reports) wrapped in each
portal's chrome. Run from the repository root:

    python tests/spiders/build_portals.py

What is real and what is made up is listed in govcrawl/demo/PROVENANCE.md.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.spiders.portal_pages import ROBOTS, Site  # noqa: E402
from tests.spiders.trees import (  # noqa: E402
    hanweb,
    hegang,
    hetian,
    heyang,
    panzhihua,
    yuanjiang,
)

OUT = ROOT / "govcrawl" / "demo" / "portals"
BUILDERS = {
    "panzhihua": panzhihua.panzhihua,
    "yuanjiang": yuanjiang.yuanjiang,
    "heyang": heyang.heyang,
    "hegang": hegang.hegang,
    "hetian": hetian.hetian,
    # A CMS-family fixture for the generic spider, not one of the five portals.
    "hanweb": hanweb.hanweb,
}


def write_site(slug: str, built: Site) -> None:
    chrome, tree, rules = built
    site = OUT / slug
    shutil.rmtree(site, ignore_errors=True)
    # GB2312-declared pages carry GBK characters; GB18030 writes them as GBK bytes.
    encoding = "gb18030" if chrome.charset.lower().startswith("gb") else "utf-8"
    for path, text in tree.items():
        target = site / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        body = text if isinstance(text, bytes) else text.encode(encoding)
        target.write_bytes(body)
    (site / "robots.txt").write_text(ROBOTS)
    (site / "_site.json").write_text(
        json.dumps(rules, ensure_ascii=False, indent=1) + "\n"
    )


def main() -> None:
    for slug, build in BUILDERS.items():
        write_site(slug, build())


if __name__ == "__main__":
    main()
