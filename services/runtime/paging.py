"""Opaque page tokens: an offset, encoded so callers do not build them by hand."""

from __future__ import annotations

import base64

from services.runtime.errors import FieldViolation, InvalidArgument

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 200


def page_window(page_size: int, page_token: str) -> tuple[int, int]:
    """(offset, limit) for a request; INVALID_ARGUMENT for a bad size or token."""
    if page_size < 0:
        raise InvalidArgument([FieldViolation("page_size", "must not be negative")])
    limit = min(page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    if not page_token:
        return 0, limit
    try:
        offset = int(base64.urlsafe_b64decode(page_token.encode()).decode().removeprefix("o:"))
    except ValueError:
        raise InvalidArgument([FieldViolation("page_token", "is not a token we issued")]) from None
    if offset < 0:
        raise InvalidArgument([FieldViolation("page_token", "is not a token we issued")])
    return offset, limit


def next_token(offset: int, limit: int, total: int) -> str:
    if offset + limit >= total:
        return ""
    return base64.urlsafe_b64encode(f"o:{offset + limit}".encode()).decode()
