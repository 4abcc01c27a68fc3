"""Domain exceptions that the error interceptor maps to gRPC status codes with details."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldViolation:
    field: str
    description: str


class DomainError(Exception):
    """Base of every error a caller is meant to see; its message is safe to show."""


class InvalidArgument(DomainError):
    """Input failed validation; carries one violation per bad field."""

    def __init__(self, violations: Iterable[FieldViolation]) -> None:
        self.violations = list(violations)
        super().__init__("; ".join(f"{v.field}: {v.description}" for v in self.violations))


class NotFound(DomainError):
    pass


class AlreadyExists(DomainError):
    pass


class FailedPrecondition(DomainError):
    """The request is valid but the state of the system does not allow it."""

    def __init__(self, message: str, subject: str = "", kind: str = "STATE") -> None:
        self.subject = subject
        self.kind = kind
        super().__init__(message)


class Aborted(DomainError):
    """A concurrent change won: read again and retry (optimistic concurrency)."""


class Unauthenticated(DomainError):
    pass


class PermissionDenied(DomainError):
    pass


class ResourceExhausted(DomainError):
    pass


class Unimplemented(DomainError):
    """Declared in the contract, not built yet; the issue that owns it is still open."""


class Validator:
    """Collects field violations and raises them together."""

    def __init__(self) -> None:
        self.violations: list[FieldViolation] = []

    def require(self, condition: bool, field: str, description: str) -> None:
        if not condition:
            self.violations.append(FieldViolation(field, description))

    def check(self) -> None:
        if self.violations:
            raise InvalidArgument(self.violations)
