"""Per-request context carried through async calls: request id, trace id, caller."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field

VENDOR_KIND = 2


@dataclass(frozen=True)
class Caller:
    """Who is calling: a staff member (console token) or an internal system."""

    subject: str
    username: str = ""
    permissions: frozenset[str] = field(default_factory=frozenset)
    # The console session the access token belongs to; empty for tokens without one.
    session_id: str = ""
    # The account's kind (wailian.identity.v1.UserKind): staff 1, developer (a vendor) 2.
    kind: int = 0

    @property
    def is_vendor(self) -> bool:
        """A developer-center account: it sees only what it is named on (object-level)."""
        return self.kind == VENDOR_KIND

    def may(self, permission: str) -> bool:
        return "*" in self.permissions or permission in self.permissions


request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
trace_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("trace_id", default="")
caller_var: contextvars.ContextVar[Caller | None] = contextvars.ContextVar("caller", default=None)


def current_caller() -> Caller | None:
    return caller_var.get()


def actor_name() -> str:
    """The name recorded in audit fields for the current request."""
    caller = caller_var.get()
    if caller is None:
        return "system"
    return caller.username or caller.subject
