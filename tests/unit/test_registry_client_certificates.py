"""An upstream's client certificate: what registry accepts, and how its key stays sealed in
stored snapshots and hidden from staff while the edge gets it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from services.identity import ca
from services.registry import domain, edge
from services.registry.xds import key_opener, to_any
from services.runtime.crypto import SecretBox
from services.runtime.errors import InvalidArgument
from wailian.registry.v1 import catalog_pb2 as pb

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
AUTHORITY = ca.new_authority("测试医院", NOW - timedelta(days=1))


def issued(
    *, now: datetime = NOW, days: int = 30, authority: ca.Authority = AUTHORITY
) -> ca.IssuedCertificate:
    return ca.issue_client_certificate(
        authority,
        channel_id=str(uuid.uuid4()),
        channel_code="wailian-edge",
        credential_id="edge",
        not_after=now + timedelta(days=days),
        now=now,
    )


def violations(certificate: str, key: str, *, tls: bool = True, new: bool = True) -> dict:
    spec = domain.UpstreamSpec(
        name="pacs",
        description="",
        endpoints=[domain.EndpointSpec("pacs.hospital.internal", 8443, 1)],
        protocol=pb.UPSTREAM_PROTOCOL_HTTP1,
        connect_timeout_ms=1000,
        request_timeout_ms=5000,
        tls=tls,
        tls_client_certificate=domain.ClientCertificateSpec(certificate, key, new=new),
        load_balancing_policy=pb.LOAD_BALANCING_POLICY_ROUND_ROBIN,
    )
    try:
        domain.validate_upstream(
            spec, {pb.UPSTREAM_PROTOCOL_HTTP1}, {pb.LOAD_BALANCING_POLICY_ROUND_ROBIN}, NOW
        )
    except InvalidArgument as error:
        return {v.field: v.description for v in error.violations}
    return {}


def test_a_certificate_with_its_key_is_accepted() -> None:
    client = issued()
    assert violations(client.certificate_pem, client.private_key_pem) == {}
    # A chain: the edge's certificate first, then the CA.
    chain = client.certificate_pem + AUTHORITY.certificate_pem
    assert violations(chain, client.private_key_pem) == {}


def test_a_stored_certificate_that_expired_does_not_block_other_edits() -> None:
    old = issued(now=NOW - timedelta(days=60), days=10)
    assert (
        "expired on"
        in violations(old.certificate_pem, old.private_key_pem)[
            "upstream.tls_client_certificate_pem"
        ]
    )
    assert violations(old.certificate_pem, old.private_key_pem, new=False) == {}


@pytest.mark.parametrize(
    ("certificate", "key", "field", "message"),
    [
        ("cert", "", "upstream.tls_client_private_key_pem", "required"),
        ("", "key", "upstream.tls_client_certificate_pem", "required with a private key"),
        ("cert", "other", "upstream.tls_client_private_key_pem", "does not belong"),
        ("key", "key", "upstream.tls_client_certificate_pem", "holds a private key"),
        ("junk", "key", "upstream.tls_client_certificate_pem", "not PEM certificates"),
        ("cert", "junk", "upstream.tls_client_private_key_pem", "not a PEM private key"),
        ("cert", "encrypted", "upstream.tls_client_private_key_pem", "an encrypted key"),
        ("cert", "rsa1024", "upstream.tls_client_private_key_pem", "at least 2048 bits"),
        ("future", "future", "upstream.tls_client_certificate_pem", "not valid before"),
    ],
)
def test_bad_certificates_and_keys_are_named(
    certificate: str, key: str, field: str, message: str
) -> None:
    client, other = issued(), issued()
    future = issued(now=NOW + timedelta(days=2))
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    loaded = serialization.load_pem_private_key(client.private_key_pem.encode(), None)
    pems = {
        "cert": client.certificate_pem,
        "key": client.private_key_pem,
        "other": other.private_key_pem,
        "junk": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        "encrypted": loaded.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"secret"),
        ).decode(),
        "rsa1024": small.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
        "future": future.certificate_pem,
        "": "",
    }
    if key == "future":
        pems["future_key"] = future.private_key_pem
    found = violations(pems[certificate], pems["future_key" if key == "future" else key])
    assert message in found[field], found
    # No message quotes the key it was given.
    given_key = pems["future_key" if key == "future" else key]
    for line in given_key.splitlines()[1:2]:
        assert all(line not in description for description in found.values())


def test_a_client_certificate_needs_tls() -> None:
    client = issued()
    found = violations(client.certificate_pem, client.private_key_pem, tls=False)
    assert found == {"upstream.tls": "a client certificate is presented over TLS: turn TLS on"}


def test_the_facts_staff_see() -> None:
    client = issued()
    facts = domain.certificate_facts(client.certificate_pem + AUTHORITY.certificate_pem)
    assert facts.sha256_fingerprint == client.fingerprint
    assert facts.subject == "CN=wailian-edge,OU=channel,O=Wailian"
    assert facts.not_after == client.not_after
    assert client.private_key_pem not in repr(
        domain.ClientCertificateSpec(client.certificate_pem, client.private_key_pem)
    )


def secret_resource(box: SecretBox, client: ca.IssuedCertificate) -> edge.Resource:
    sealed = box.seal(
        client.private_key_pem.encode(), domain.client_key_context(client.certificate_pem)
    )
    return edge.Resource(
        edge.SECRET,
        "upstream-client/pacs",
        {
            "name": "upstream-client/pacs",
            "tls_certificate": {
                "certificate_chain": {"inline_string": client.certificate_pem},
                "private_key": {"inline_string": edge.sealed_reference(sealed)},
            },
        },
    )


def test_a_sealed_key_is_opened_for_envoy_and_redacted_for_staff() -> None:
    from envoy.extensions.transport_sockets.tls.v3 import secret_pb2

    box = SecretBox(b"k" * 32)
    client = issued()
    resource = secret_resource(box, client)
    key_line = client.private_key_pem.splitlines()[1]
    assert key_line not in resource.to_json()

    served = secret_pb2.Secret()
    to_any(resource, key_opener(box)).Unpack(served)
    assert served.tls_certificate.private_key.inline_string == client.private_key_pem

    shown = edge.redacted(resource)
    assert shown.body["tls_certificate"]["private_key"] == {"inline_string": edge.REDACTED}
    assert "wailian-sealed:" not in shown.to_json()
    assert shown.body["tls_certificate"]["certificate_chain"] == {
        "inline_string": client.certificate_pem
    }

    # Under another master key it does not open, and the error says so without the key.
    with pytest.raises(ValueError, match="does not open with the configured master key"):
        to_any(resource, key_opener(SecretBox(b"x" * 32)))
    # A sealed key moved onto another certificate does not open either.
    other = issued()
    moved = dict(resource.body)
    moved["tls_certificate"] = {
        "certificate_chain": {"inline_string": other.certificate_pem},
        "private_key": resource.body["tls_certificate"]["private_key"],
    }
    with pytest.raises(ValueError, match="does not open"):
        to_any(edge.Resource(edge.SECRET, resource.name, moved), key_opener(box))


def test_probing_presents_the_client_certificate(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ProbeUpstream asks as the edge does: an upstream requiring the certificate answers."""
    import asyncio
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from services.registry import probe

    now = datetime.now(UTC)
    server_ca = ca.new_authority("上游", now)
    issued_server = ca.issue_server_certificate(server_ca, ["localhost"], now)
    (tmp_path / "server.pem").write_text(issued_server.certificate_pem)
    (tmp_path / "server.key").write_text(issued_server.private_key_pem)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "server.pem", tmp_path / "server.key")
    context.verify_mode = ssl.CERT_REQUIRED
    client_ca = ca.new_authority("网关", now)
    context.load_verify_locations(cadata=client_ca.certificate_pem)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = issued(now=now, authority=client_ca)
    try:
        target = probe.ProbeTarget("127.0.0.1", int(server.server_address[1]), 1)
        settings = probe.ProbeSettings(
            tls=True,
            tls_server_name="localhost",
            tls_ca_pem=server_ca.certificate_pem,
            health_path="/healthz",
            expected_statuses=(204,),
            timeout_seconds=5,
        )
        (without,) = asyncio.run(probe.probe_all([target], settings))
        assert without.health_status == 0 and without.error
        presenting = probe.ProbeSettings(
            **{
                **settings.__dict__,
                "client_certificate_pem": client.certificate_pem,
                "client_private_key_pem": client.private_key_pem,
            }
        )
        assert client.private_key_pem not in repr(presenting)
        (answered,) = asyncio.run(probe.probe_all([target], presenting))
        assert (answered.reachable, answered.health_status, answered.error) == (True, 204, "")
    finally:
        server.shutdown()
        server.server_close()
