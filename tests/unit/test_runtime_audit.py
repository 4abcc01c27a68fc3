"""What the audit outbox takes from a request, without network or database."""

from __future__ import annotations

import json
from typing import Any

import pytest

from services.registry.models import AuditOutboxRow
from services.runtime.audit import RequestFacts, audit, request_facts
from services.runtime.context import Caller, caller_var, request_id_var
from wailian.identity.v1 import audit_pb2
from wailian.registry.v1 import catalog_pb2

CATALOG = catalog_pb2.DESCRIPTOR.services_by_name["CatalogService"]


class _Context:
    """The two things request_facts reads from a gRPC servicer context."""

    def __init__(self, metadata: tuple[tuple[str, str], ...], peer: str) -> None:
        self._metadata = metadata
        self._peer = peer

    def invocation_metadata(self) -> tuple[tuple[str, str], ...]:
        return self._metadata

    def peer(self) -> str:
        return self._peer


class _Session:
    def __init__(self) -> None:
        self.added: list[Any] = []

    def add(self, row: Any) -> None:
        self.added.append(row)


def test_facts_name_the_method_its_permission_the_caller_and_the_address_envoy_saw() -> None:
    caller = caller_var.set(Caller(subject="u-1", username="zhao.ops"))
    request = request_id_var.set("req-7")
    try:
        facts = request_facts(
            _Context(  # type: ignore[arg-type]
                (("x-forwarded-for", "10.9.9.9, 203.0.113.7"), ("user-agent", "console/1.0")),
                "ipv4:127.0.0.1:5000",
            ),
            CATALOG,
            "PublishApiService",
        )
    finally:
        caller_var.reset(caller)
        request_id_var.reset(request)
    assert facts.method == "/wailian.registry.v1.CatalogService/PublishApiService"
    assert facts.action == "registry.api_service.publish"
    assert (facts.actor_kind, facts.actor_id, facts.actor_name) == (
        audit_pb2.ACTOR_KIND_USER,
        "u-1",
        "zhao.ops",
    )
    # The first entry is the client's word; Envoy appends the address it saw.
    assert facts.client_ip == "203.0.113.7"
    assert facts.user_agent == "console/1.0"
    assert facts.request_id == "req-7"


def test_without_a_caller_or_forwarding_the_service_acts_from_its_peer() -> None:
    facts = request_facts(
        _Context((), "ipv6:[::1]:5000"),  # type: ignore[arg-type]
        CATALOG,
        "CreateUpstream",
    )
    assert facts.actor_kind == audit_pb2.ACTOR_KIND_SERVICE
    assert facts.actor_name == "system"
    assert facts.client_ip == "::1"


FACTS = RequestFacts(
    method="/wailian.registry.v1.CatalogService/CreateUpstream",
    action="registry.upstream.write",
    actor_kind=audit_pb2.ACTOR_KIND_USER,
    actor_id="u-1",
    actor_name="zhao.ops",
)


def test_a_record_masks_secrets_and_fits_the_trail() -> None:
    session = _Session()
    audit(
        session,  # type: ignore[arg-type]
        AuditOutboxRow,
        FACTS,
        "upstream",
        "up-1",
        "x" * 300,
        after={"name": "his", "client_secret": "s3cret", "huge": "y" * 70_000},
        before={"name": "his", "api_token": "t0ken"},
    )
    (row,) = session.added
    assert json.loads(row.before_json) == {"name": "his", "api_token": "***"}
    assert "s3cret" not in row.after_json and "omitted" in json.loads(row.after_json)
    assert len(row.summary) == 256
    assert row.action == "registry.upstream.write"
    assert row.result == audit_pb2.AUDIT_RESULT_SUCCESS


def test_a_record_must_name_what_it_wrote() -> None:
    with pytest.raises(ValueError, match="type of the resource"):
        audit(_Session(), AuditOutboxRow, FACTS, "", "up-1", "created")  # type: ignore[arg-type]
