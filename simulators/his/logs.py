"""Structured JSON log lines on stderr, with patient identifiers masked."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from typing import Any

ACCESS_LOGGER = "simulators.his.access"
SERVER_LOGGER = "simulators.his"

# Mobile numbers (possibly with +86 and separators) and resident ID cards are masked wherever
# they appear; other runs of eleven or more digits (bank cards, record numbers) only when they
# stand alone, so that request ids made of hex digits stay intact for correlation.
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)")
_ID_CARD = re.compile(r"(?<!\d)(\d{3})(\d{8}|\d{11})(\d{3}[\dXx])(?![\dXx])")
_LONG_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{3})(\d{4,})(\d{4})(?![0-9A-Za-z])")
# Every pattern above needs seven digits with at most one separator: most text has none.
_CANDIDATE = re.compile(r"\d{3}[- ]?\d{4}")
_RESERVED = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def mask_identifiers(text: str) -> str:
    """Replace phone, ID-card and other long numbers by their first three and last four."""
    if not _CANDIDATE.search(text):
        return text
    text = _MOBILE.sub(r"\1****\2", text)
    text = _ID_CARD.sub(_keep_ends, text)
    return _LONG_NUMBER.sub(_keep_ends, text)


def _keep_ends(match: re.Match[str]) -> str:
    return f"{match[1]}{'*' * len(match[2])}{match[3]}"


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record; string fields passed with extra= are masked again."""

    def format(self, record: logging.LogRecord) -> str:
        """Render the record, its extra fields and any exception as one JSON line."""
        entry: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "service": "his-simulator",
            "logger": record.name,
            "message": mask_identifiers(record.getMessage()),
        }
        for key, value in record.__dict__.items():
            if key not in _RESERVED and not key.startswith("_"):
                entry[key] = mask_identifiers(value) if isinstance(value, str) else value
        if record.exc_info:
            entry["exception"] = mask_identifiers(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def ensure_stderr_logging() -> None:
    """Log the simulator's records to stderr as JSON unless the host process configured logging."""
    logger = logging.getLogger(SERVER_LOGGER)
    if logger.hasHandlers():
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLineFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
