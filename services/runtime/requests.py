"""Checks every RPC's input shares: update masks and required ids."""

from __future__ import annotations

from google.protobuf import field_mask_pb2

from services.runtime.errors import FieldViolation, InvalidArgument, Validator


def mask_paths(mask: field_mask_pb2.FieldMask, allowed: tuple[str, ...]) -> list[str]:
    """The fields an update names (all of `allowed` when the mask is empty); unknown ones are
    refused as a field violation of update_mask."""
    paths = list(mask.paths) or list(allowed)
    unknown = [p for p in paths if p not in allowed]
    if unknown:
        raise InvalidArgument(
            [
                FieldViolation(
                    "update_mask",
                    f"cannot change {', '.join(unknown)}; one of {', '.join(allowed)}",
                )
            ]
        )
    return paths


def required_id(value: str, field_name: str) -> None:
    """An id field: present and at most 64 characters."""
    check = Validator()
    check.require(0 < len(value) <= 64, field_name, "required, at most 64 characters")
    check.check()
