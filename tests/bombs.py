"""Hostile files for the memory tests: a PDF whose content stream inflates far past its
size, and `govcrawl parse` run in a fresh process with the peak resident size of it and
every child it reaped (getrusage RUSAGE_CHILDREN, measured by a wrapper process)."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

MIB = 1 << 20
PEAK_LIMIT_KB = 500 * 1000
# Runs `govcrawl parse` and prints the peak RSS (KiB) of it and its reaped children.
_MEASURE = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "govcrawl.cli", "parse", *sys.argv[1:]],
                      capture_output=True, timeout=120)
sys.stderr.buffer.write(done.stderr)
sys.stdout.buffer.write(done.stdout)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)
"""


def flushed_repeats(chunk: bytes, times: int, wbits: int) -> bytes:
    """Deflate of `chunk` repeated: a full flush resets the window, so one
    compressed block repeats as it is and a gigabyte costs a megabyte."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    first = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    return first + again * (times - 1) + packer.flush()


def pdf_bomb(inflated_mib: int) -> bytes:
    """One page whose FlateDecode content stream is `inflated_mib` MiB of blanks
    (with its true Adler-32: nothing about it is malformed)."""
    chunk = b" " * MIB
    stream = flushed_repeats(chunk, inflated_mib, zlib.MAX_WBITS)
    adler = 1
    for _ in range(inflated_mib):
        adler = zlib.adler32(chunk, adler)
    stream = stream[:-4] + struct.pack("!I", adler)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    return out + trailer % (len(objects) + 1, xref)


def parse_measured(path: Path) -> tuple[dict[str, Any], int]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        timeout=150,
        cwd=path.parent,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    *lines, measured = done.stdout.decode().splitlines()
    peak_kb, status = (int(value) for value in measured.split())
    assert status == 0, done.stderr.decode(errors="replace")[-2000:]
    (report,) = (json.loads(line) for line in lines)
    return report, peak_kb


def kinds(report: dict[str, Any]) -> list[str]:
    return [finding["kind"] for finding in report["findings"]]
