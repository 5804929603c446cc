"""Seconds per PDF attachment: govcrawl's reader (PDFium, rules to tables) on the
bench's report PDFs, next to poppler's pdftotext on the same files when it is
installed (text only, no tables: a floor, not a rival)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from govcrawl.attachments import extract

ROOT = Path(__file__).resolve().parents[2] / "tests"
# The report PDFs with a text layer; the scanned and truncated fixtures stop at
# their first check and would only pull the median down.
PDFS = (
    "fixtures/attachments/000_panzhihua_2022.pdf",
    "fixtures/attachments/003_hegang_2024.pdf",
    "fixtures/attachments/004_hetian_2023.pdf",
    "real/pdf/ha2024_szfgs.pdf",
)
RUNS = 5


def bench_pdfs(root: Path = ROOT) -> list[tuple[str, bytes]]:
    return [(name, (root / name).read_bytes()) for name in PDFS]


def median_seconds(
    read: Callable[[str, bytes], object], pdfs: list[tuple[str, bytes]]
) -> float:
    """Median over the files of each file's best of RUNS readings."""
    best = []
    for name, body in pdfs:
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            read(name, body)
            times.append(time.perf_counter() - start)
        best.append(min(times))
    return statistics.median(best)


def _govcrawl(name: str, body: bytes) -> object:
    extracted = extract(body, name=name)
    if not extracted.html:
        raise RuntimeError(f"bench PDF {name} gave no tables: {extracted.findings}")
    return extracted


def _pdftotext(name: str, body: bytes) -> object:
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=body,
        capture_output=True,
        check=True,
    )


def measure_pdfs(root: Path = ROOT) -> dict[str, float | None]:
    pdfs = bench_pdfs(root)
    baseline = (
        round(median_seconds(_pdftotext, pdfs), 4)
        if shutil.which("pdftotext")
        else None
    )
    return {
        "pdf_seconds": round(median_seconds(_govcrawl, pdfs), 4),
        "pdftotext_seconds": baseline,
    }
