"""The child side of govcrawl.attachments.sandbox: caps its own address space, then
reads one attachment per request from stdin and answers on stdout, pickled and
length-prefixed. Only the parent, which started it, ever writes to it."""

from __future__ import annotations

import os
import pickle
import resource
import struct
import sys
from typing import BinaryIO

from govcrawl.attachments.limits import Limits
from govcrawl.attachments.result import BROKEN, DECOMPRESSION_BOMB, Extracted

_HEADER = struct.Struct("!Q")


def serve() -> None:
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    answers = os.fdopen(os.dup(1), "wb")
    # Whatever a library prints goes to stderr, never into the answers.
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    from govcrawl.attachments import docx, pdf  # noqa: F401  (imported once)

    while (request := _receive(requests)) is not None:
        reader, kind, body, name, limits = request
        payload = pickle.dumps(read(reader, kind, body, name, limits))
        answers.write(_HEADER.pack(len(payload)) + payload)
        answers.flush()


def _receive(stream: BinaryIO) -> tuple[str, str, bytes, str, Limits] | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    request: tuple[str, str, bytes, str, Limits] = pickle.loads(
        stream.read(_HEADER.unpack(header)[0])
    )
    return request


def read(reader: str, kind: str, body: bytes, name: str, limits: Limits) -> Extracted:
    from govcrawl.attachments.docx import extract_docx
    from govcrawl.attachments.pdf import extract_pdf

    try:
        if reader == "pdf":
            return extract_pdf(body, name, limits)
        return extract_docx(body, name, limits, kind=kind)
    except MemoryError:
        result = Extracted(kind, name)
        limit = int(sys.argv[1]) >> 20
        result.find(
            DECOMPRESSION_BOMB,
            f"{kind} inflates past the extraction memory limit of {limit} MiB: a "
            "decompression bomb or a file too large to read; not read",
        )
        return result
    except Exception as error:  # a broken file is a finding, never a crash
        result = Extracted(kind, name)
        result.find(
            BROKEN, f"{kind} could not be read: {type(error).__name__}: {error}"
        )
        return result
