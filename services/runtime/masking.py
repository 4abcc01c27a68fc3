"""Masking of patient identifiers before text reaches a log line."""

from __future__ import annotations

import re

# Mainland resident ID card (18 characters) and mobile numbers, not inside longer digit runs.
_ID_CARD = re.compile(r"(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])")
_MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")
# Both hold at least 11 digits in a row: text without such a run (most paths, user agents and
# log lines) is returned as it is, without running them. A shorter identifier added here must
# lower this.
_CANDIDATE = re.compile(r"[0-9]{11}")


def mask_identifiers(text: str) -> str:
    """Replace ID card and mobile numbers with masked forms (keeps the ends for support)."""
    if not _CANDIDATE.search(text):
        return text
    text = _ID_CARD.sub(r"\1********\2", text)
    return _MOBILE.sub(r"\1****\2", text)
