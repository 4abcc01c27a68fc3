"""Mutual-TLS credentials from identity's CA, certificate downloads, and the audit export."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

import grpc
import openpyxl
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from google.protobuf import duration_pb2

from tests.integration.conftest import Platform
from tests.integration.identity_support import (
    admin,
    identity_fixture,  # noqa: F401 - the fixture
    refused,
    signed_up,
    violations,
)
from tests.integration.test_identity_channel_lifecycle import channels, issue, new_channel
from wailian.common.v1 import common_pb2
from wailian.identity.v1 import downloads_pb2, downloads_pb2_grpc
from wailian.identity.v1 import edge_auth_pb2 as ep
from wailian.identity.v1 import edge_auth_pb2_grpc as eg
from wailian.identity.v1 import identity_pb2 as idp


def mutual(
    platform: Platform, channel_id: str, csr: str = ""
) -> idp.CreateChannelCredentialResponse:
    return channels(platform).CreateChannelCredential(
        idp.CreateChannelCredentialRequest(
            channel_id=channel_id,
            kind=idp.CREDENTIAL_KIND_MUTUAL_TLS,
            valid_days=30,
            certificate_signing_request=csr,
        ),
        metadata=admin(platform),
    )


def downloads(platform: Platform) -> downloads_pb2_grpc.DownloadServiceStub:
    return downloads_pb2_grpc.DownloadServiceStub(platform.channel("identity"))


def test_a_client_certificate_names_the_channel_and_chains_to_the_ca(identity) -> None:
    channel = new_channel(identity, code="lis-system", type=idp.CHANNEL_TYPE_INTERNAL_SYSTEM)
    issued = mutual(identity, channel.channel_id)
    certificate = x509.load_pem_x509_certificate(issued.client_certificate_pem.encode())
    authority = x509.load_pem_x509_certificate(issued.ca_certificate_pem.encode())

    # Signed by the CA identity publishes, for client authentication, naming the channel.
    certificate.verify_directly_issued_by(authority)
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == [channel.channel_id]
    usage = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usage) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    assert certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "lis-system"
    # The private key is shown once and matches the certificate.
    key = serialization.load_pem_private_key(issued.private_key_pem.encode(), password=None)
    assert key.public_key() == certificate.public_key()
    fingerprint = certificate.fingerprint(hashes.SHA256()).hex()
    assert issued.credential.certificate_fingerprint == fingerprint
    listed = channels(identity).ListChannelCredentials(
        idp.ListChannelCredentialsRequest(channel_id=channel.channel_id), metadata=admin(identity)
    )
    assert [c.certificate_fingerprint for c in listed.credentials] == [fingerprint]
    assert "private" not in str(listed).lower()

    ca = channels(identity).GetCertificateAuthority(
        idp.GetCertificateAuthorityRequest(), metadata=admin(identity)
    )
    assert ca.ca_certificate_pem == issued.ca_certificate_pem
    assert ca.fingerprint == authority.fingerprint(hashes.SHA256()).hex()

    # The certificate (never the key) can be downloaded again for the vendor.
    body = downloads(identity).DownloadChannelCertificate(
        downloads_pb2.DownloadChannelCertificateRequest(
            channel_id=channel.channel_id, credential_id=issued.credential.credential_id
        ),
        metadata=admin(identity),
    )
    assert body.content_type == "application/x-pem-file"
    assert body.data.decode() == issued.client_certificate_pem
    missing = refused(
        downloads(identity).DownloadChannelCertificate,
        downloads_pb2.DownloadChannelCertificateRequest(
            channel_id=str(uuid.uuid4()), credential_id=issued.credential.credential_id
        ),
        metadata=admin(identity),
    )
    assert missing.code() == grpc.StatusCode.NOT_FOUND

    # The edge gets the CA and the fingerprint; a revoked certificate is marked.
    channels(identity).RevokeChannelCredential(
        idp.RevokeChannelCredentialRequest(
            channel_id=channel.channel_id,
            credential_id=issued.credential.credential_id,
            reason="设备报废",
        ),
        metadata=admin(identity),
    )
    material = eg.EdgeAuthServiceStub(identity.channel("identity")).GetEdgeAuthSnapshot(
        ep.GetEdgeAuthSnapshotRequest()
    )
    assert material.ca_certificate_pem == ca.ca_certificate_pem
    (edge_channel,) = [c for c in material.channels if c.channel_id == channel.channel_id]
    (credential,) = edge_channel.credentials
    assert (credential.certificate_fingerprint, credential.revoked) == (fingerprint, True)


def test_a_signing_request_keeps_the_private_key_with_the_channel(identity) -> None:
    channel = new_channel(identity)
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "whatever-they-ask")]))
        .sign(key, hashes.SHA256())
        .public_bytes(serialization.Encoding.PEM)
        .decode()
    )
    issued = mutual(identity, channel.channel_id, csr)
    assert issued.private_key_pem == ""
    certificate = x509.load_pem_x509_certificate(issued.client_certificate_pem.encode())
    assert certificate.public_key() == key.public_key()
    # The names are the platform's, not the request's.
    assert certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == channel.code

    bad = refused(mutual, identity, channel.channel_id, "-----BEGIN CERTIFICATE REQUEST-----")
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "certificate_signing_request" in violations(bad)
    wrong_kind = refused(
        channels(identity).CreateChannelCredential,
        idp.CreateChannelCredentialRequest(
            channel_id=channel.channel_id,
            kind=idp.CREDENTIAL_KIND_TOKEN,
            certificate_signing_request=csr,
        ),
        metadata=admin(identity),
    )
    assert "certificate_signing_request" in violations(wrong_kind)


def test_a_certificate_is_rotated_by_a_new_one_with_an_overlap(identity) -> None:
    channel = new_channel(identity, code="pacs-system", type=idp.CHANNEL_TYPE_INTERNAL_SYSTEM)
    issued = mutual(identity, channel.channel_id)
    old_id = issued.credential.credential_id
    rotated = channels(identity).RotateChannelCredential(
        idp.RotateChannelCredentialRequest(
            channel_id=channel.channel_id,
            credential_id=old_id,
            overlap=duration_pb2.Duration(seconds=3600),
        ),
        metadata=admin(identity),
    )
    # A new certificate and key, for the same channel, signed by the same CA; no secret.
    certificate = x509.load_pem_x509_certificate(rotated.client_certificate_pem.encode())
    certificate.verify_directly_issued_by(
        x509.load_pem_x509_certificate(rotated.ca_certificate_pem.encode())
    )
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == [channel.channel_id]
    key = serialization.load_pem_private_key(rotated.private_key_pem.encode(), password=None)
    assert key.public_key() == certificate.public_key()
    assert rotated.client_secret == ""
    assert rotated.client_certificate_pem != issued.client_certificate_pem
    fingerprint = certificate.fingerprint(hashes.SHA256()).hex()
    assert rotated.credential.certificate_fingerprint == fingerprint
    assert rotated.credential.rotated_from_credential_id == old_id
    # The old certificate works for the overlap only: its credential ends within the hour.
    old_end = rotated.previous_credential.expire_time.ToDatetime(tzinfo=UTC)
    assert timedelta(minutes=59) < old_end - datetime.now(UTC) <= timedelta(hours=1)
    material = eg.EdgeAuthServiceStub(identity.channel("identity")).GetEdgeAuthSnapshot(
        ep.GetEdgeAuthSnapshotRequest()
    )
    (edge_channel,) = [c for c in material.channels if c.channel_id == channel.channel_id]
    assert {c.certificate_fingerprint for c in edge_channel.credentials} == {
        issued.credential.certificate_fingerprint,
        fingerprint,
    }

    # Rotating the new one with the channel's own CSR keeps its key with the channel.
    own_key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "pacs")]))
        .sign(own_key, hashes.SHA256())
        .public_bytes(serialization.Encoding.PEM)
        .decode()
    )
    again = channels(identity).RotateChannelCredential(
        idp.RotateChannelCredentialRequest(
            channel_id=channel.channel_id,
            credential_id=rotated.credential.credential_id,
            certificate_signing_request=csr,
        ),
        metadata=admin(identity),
    )
    assert again.private_key_pem == ""
    assert (
        x509.load_pem_x509_certificate(again.client_certificate_pem.encode()).public_key()
        == own_key.public_key()
    )
    # The first certificate was rotated already: rotate its successor instead.
    twice = refused(
        channels(identity).RotateChannelCredential,
        idp.RotateChannelCredentialRequest(channel_id=channel.channel_id, credential_id=old_id),
        metadata=admin(identity),
    )
    assert twice.code() == grpc.StatusCode.FAILED_PRECONDITION
    # A CSR is for certificates only.
    token = issue(identity, channel.channel_id, idp.CREDENTIAL_KIND_TOKEN)
    wrong_kind = refused(
        channels(identity).RotateChannelCredential,
        idp.RotateChannelCredentialRequest(
            channel_id=channel.channel_id,
            credential_id=token.credential.credential_id,
            certificate_signing_request=csr,
        ),
        metadata=admin(identity),
    )
    assert "certificate_signing_request" in violations(wrong_kind)


def test_the_audit_administrator_exports_the_trail_as_csv(identity) -> None:
    new_channel(identity, code="sheet-test", name="检验科")
    auditor = signed_up(identity, f"auditor{uuid.uuid4().hex[:6]}", ["audit_admin"])
    chunks = list(
        downloads(identity).ExportAuditRecords(
            downloads_pb2.ExportAuditRecordsRequest(), metadata=auditor
        )
    )
    assert chunks[0].content_type.startswith("text/csv")
    text = b"".join(chunk.data for chunk in chunks).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    created = [row for row in rows if "sheet-test" in row["summary"]]
    assert created and created[0]["actor"] == "admin"
    assert created[0]["result"] == "success"
    sequences = [int(row["sequence"]) for row in rows]
    assert sequences == sorted(sequences, reverse=True) and len(set(sequences)) == len(sequences)
    # In the platform's time zone (Asia/Shanghai by default), with its offset.
    assert datetime.fromisoformat(rows[0]["time"]).utcoffset() == timedelta(hours=8)
    assert "检验科" in next(row["after"] for row in created)

    # The same trail as an Excel workbook, for the auditors who file it.
    workbook = b"".join(
        chunk.data
        for chunk in downloads(identity).ExportAuditRecords(
            downloads_pb2.ExportAuditRecordsRequest(format=common_pb2.EXPORT_FORMAT_XLSX),
            metadata=auditor,
        )
    )
    header, *cells = openpyxl.load_workbook(io.BytesIO(workbook)).active.iter_rows(values_only=True)
    sheet_rows = [dict(zip(header, row, strict=True)) for row in cells]
    assert set(sequences) <= {row["sequence"] for row in sheet_rows}  # numbers, not text
    assert "检验科" in next(row["after"] for row in sheet_rows if "sheet-test" in row["summary"])

    # The system administrator may not read the trail (separation of duties).
    denied = refused(
        list,
        downloads(identity).ExportAuditRecords(
            downloads_pb2.ExportAuditRecordsRequest(), metadata=admin(identity)
        ),
    )
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED
