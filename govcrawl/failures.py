"""Why a request got no response a spider could read: one short reason per download
failure (after retries), recorded with the failure's own message. A body over
DOWNLOAD_MAXSIZE is `download:maxsize` whether or not its length was announced, one
that inflates past it `download:decompression_bomb` (issue 15 item 8)."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionDone,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TimeoutError,
)
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from govcrawl.offsite import OffsiteRequest

# Checked in order: the first matching class names the reason.
_REASONS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, TimeoutError), "timeout"),
    ((ResponseDataLossError,), "download:dataloss"),
    ((DownloadCancelledError,), "download:cancelled"),
    ((DownloadConnectionRefusedError, ConnectionRefusedError), "connection:refused"),
    ((CannotResolveHostError, DNSLookupError), "connection:dns"),
    (
        (
            DownloadFailedError,
            ConnectionDone,
            ConnectionLost,
            ResponseNeverReceived,
            ResponseFailed,
        ),
        "connection:lost",
    ),
)


def failure_reason(error: BaseException) -> str:
    """A short reason in the vocabulary of blocked_pages ("http:500", "timeout")."""
    if isinstance(error, HttpError):
        return f"http:{error.response.status}"
    if isinstance(error, OffsiteRequest):
        return "offsite"
    if isinstance(error, IgnoreRequest):
        return _ignored(str(error))
    if isinstance(error, DownloadCancelledError) and _over_maxsize(error):
        return "download:maxsize"
    for classes, reason in _REASONS:
        if isinstance(error, classes):
            return reason
    return f"error:{type(error).__name__}"


def _ignored(text: str) -> str:
    if "redirection" in text:
        return "redirect:loop"
    # HttpCompressionMiddleware: "... exceeded DOWNLOAD_MAXSIZE (N B) during
    # decompression" — a small body that inflates past the limit.
    if "during decompression" in text:
        return "download:decompression_bomb"
    return "ignored"


def _over_maxsize(error: DownloadCancelledError) -> bool:
    """A body over DOWNLOAD_MAXSIZE: Scrapy says so when the Content-Length
    announced it, and cancels with no text when a body without one (chunked, never
    ending) passes the limit while streaming, the only silent cancel it makes."""
    text = str(error) or str(error.__cause__ or "")
    return not text or "max size" in text


def failure_message(error: BaseException) -> str:
    """The failure as logged: its class and text (or the failures it wraps)."""
    cause = error.__cause__
    reasons = getattr(cause or error, "reasons", None)
    text = str(error) or (", ".join(str(r.value) for r in reasons) if reasons else "")
    text = text or str(cause or "")
    if not text and isinstance(error, DownloadCancelledError):
        text = (
            "cancelled with no reason given, as Scrapy cancels a body without "
            "Content-Length once it passes DOWNLOAD_MAXSIZE"
        )
    return f"{type(error).__name__}: {text}".rstrip(": ")
