"""PDF and DOCX extraction in a child process whose address space is capped (issue
15 item 5): a 1 MB PDF whose content stream inflates to 1 GiB cost 2 GB of memory in
the crawling process, and the 30 MiB and 200-page limits do not bound what a stream
inflates to. The child is started once per process and reused (PDFium and
python-docx stay imported, so a file costs a pipe round trip); a file that takes it
past EXTRACT_MAX_MEMORY, or past EXTRACT_TIMEOUT_SECONDS, ends it, and the next file
starts a new one."""

from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from typing import Any

from govcrawl.attachments.limits import EXTRACT_MAX_MEMORY, Limits
from govcrawl.attachments.result import DECOMPRESSION_BOMB, TOO_SLOW, Extracted
from govcrawl.operate.children import die_with_parent

_HEADER = struct.Struct("!Q")
_SERVE = "from govcrawl.attachments.sandbox_child import serve; serve()"


class WorkerGone(Exception):
    """The child ended (killed by the kernel or a signal) before answering."""


class _Worker:
    def __init__(self) -> None:
        env = dict(os.environ)
        # The child imports govcrawl from wherever this process did (an egg too).
        env["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
        self.process = subprocess.Popen(
            [sys.executable, "-c", _SERVE, str(EXTRACT_MAX_MEMORY)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            preexec_fn=die_with_parent,
        )

    def ask(self, request: tuple[Any, ...], timeout: float) -> Extracted:
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(_HEADER.pack(len(payload)) + payload)
            self.process.stdin.flush()
        except BrokenPipeError as error:
            raise WorkerGone from error
        size = _HEADER.unpack(self._read(_HEADER.size, timeout))[0]
        answer: Extracted = pickle.loads(self._read(size, timeout))
        return answer

    def _read(self, size: int, timeout: float) -> bytes:
        assert self.process.stdout is not None
        stream = self.process.stdout.fileno()
        deadline = time.monotonic() + timeout
        chunks: list[bytes] = []
        left = size
        while left:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([stream], [], [], wait)[0]:
                raise TimeoutError
            chunk = os.read(stream, min(left, 1 << 20))
            if not chunk:
                raise WorkerGone
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def stop(self, *, kill: bool = False) -> int:
        if kill:
            self.process.kill()
        elif self.process.stdin is not None:
            self.process.stdin.close()
        return self.process.wait()


_lock = threading.Lock()
_worker: _Worker | None = None


def extract_bounded(
    kind: str, body: bytes, name: str, limits: Limits, reader: str
) -> Extracted:
    """`reader` (pdf or docx) on the body in the child; what ends the child is a
    finding on the result, never a crash here."""
    global _worker
    with _lock:
        if _worker is None:
            _worker = _Worker()
        try:
            return _worker.ask((reader, kind, body, name, limits), limits.timeout)
        except TimeoutError:
            _worker.stop(kill=True)
            _worker = None
            return _too_slow(kind, name, limits.timeout)
        except WorkerGone:
            code = _worker.stop(kill=True)
            _worker = None
            return _bomb(kind, name, code)


def _too_slow(kind: str, name: str, timeout: float) -> Extracted:
    result = Extracted(kind, name)
    result.find(
        TOO_SLOW, f"{kind} still being read after {timeout:.0f} s; reading stopped"
    )
    return result


def _bomb(kind: str, name: str, code: int) -> Extracted:
    ended = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit {code}"
    result = Extracted(kind, name)
    result.find(
        DECOMPRESSION_BOMB,
        f"{kind} reader ended ({ended}) under the extraction memory limit of "
        f"{EXTRACT_MAX_MEMORY >> 20} MiB: the file inflates past it (a decompression "
        "bomb) or crashes the reader; not read",
    )
    return result


def _stop_at_exit() -> None:
    # Reaped, so a parent's getrusage(RUSAGE_CHILDREN) counts the child's peak.
    if _worker is not None:
        _worker.stop()


atexit.register(_stop_at_exit)
