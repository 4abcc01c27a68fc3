"""The channels' certificate authority: client certificates for mutual TLS at the edge.

Identity keeps one CA (its private key sealed in the database like every secret). A channel's
mutual-TLS credential is a client certificate this CA signs: the edge trusts the CA, maps the
certificate to the channel by its DNS name (the channel id) and refuses revoked ones by their
SHA-256 fingerprint. Nothing here touches gRPC or SQL.
"""

from __future__ import annotations

import hashlib
import ipaddress
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_VALIDITY = timedelta(days=3650)
# The edge's own server certificate (local deployments; production brings its own).
SERVER_VALIDITY = timedelta(days=825)
# Certificates are valid from a little before they were made, for clocks slightly behind.
CLOCK_SKEW = timedelta(minutes=5)
ORGANIZATION = "Wailian"


@dataclass(frozen=True)
class Authority:
    """The CA as stored: its certificate (public) and its private key (PEM, to be sealed)."""

    certificate_pem: str
    private_key_pem: bytes


@dataclass(frozen=True)
class IssuedCertificate:
    """A certificate and the private key made for it (shown once, never stored)."""

    certificate_pem: str
    # Empty when the channel sent a signing request and keeps its key.
    private_key_pem: str
    fingerprint: str
    serial: str
    not_after: datetime


def _new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def new_authority(hospital: str, now: datetime) -> Authority:
    """A fresh CA, e.g. "Wailian channel CA (某某医院)"."""
    key = _new_key()
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Wailian channel CA ({hospital})"[:64]),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(now + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode(),
        private_key_pem=_key_pem(key),
    )


def issue_client_certificate(
    authority: Authority,
    *,
    channel_id: str,
    channel_code: str,
    credential_id: str,
    not_after: datetime,
    now: datetime,
    csr_pem: str = "",
) -> IssuedCertificate:
    """A client certificate naming the channel: DNS name = channel id, URI = its credential.

    With a certificate signing request the channel keeps its private key (only the CSR's
    public key is used; its names are not); without, a key pair is made and returned once.
    ValueError when the CSR is not a valid, self-signed PEM request for an EC or RSA key.
    """
    uuid.UUID(channel_id)  # a DNS-safe name: the edge reads the channel id from it
    public_key = _csr_public_key(csr_pem) if csr_pem.strip() else None
    return _issue(
        authority,
        subject=x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "channel"),
                x509.NameAttribute(NameOID.COMMON_NAME, channel_code[:64]),
            ]
        ),
        names=[
            x509.DNSName(channel_id),
            x509.UniformResourceIdentifier(f"urn:wailian:credential:{credential_id}"),
        ],
        usage=ExtendedKeyUsageOID.CLIENT_AUTH,
        not_after=not_after,
        now=now,
        public_key=public_key,
    )


def _csr_public_key(csr_pem: str) -> CertificatePublicKeyTypes:
    try:
        request = x509.load_pem_x509_csr(csr_pem.encode())
    except ValueError:
        raise ValueError("the certificate signing request is not a PEM CSR") from None
    if not request.is_signature_valid:
        raise ValueError("the certificate signing request's signature does not verify")
    key = request.public_key()
    if isinstance(key, rsa.RSAPublicKey) and key.key_size < 2048:
        raise ValueError("an RSA key needs at least 2048 bits")
    if not isinstance(key, (ec.EllipticCurvePublicKey, rsa.RSAPublicKey)):
        raise ValueError("use an EC (P-256) or RSA key")
    return key


def issue_server_certificate(
    authority: Authority, hosts: list[str], now: datetime
) -> IssuedCertificate:
    """The edge's TLS certificate for its mutual-TLS listener (host names and IP addresses)."""
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return _issue(
        authority,
        subject=x509.Name(
            [
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
                x509.NameAttribute(NameOID.COMMON_NAME, (hosts or ["wailian-edge"])[0][:64]),
            ]
        ),
        names=names,
        usage=ExtendedKeyUsageOID.SERVER_AUTH,
        not_after=now + SERVER_VALIDITY,
        now=now,
    )


def _issue(
    authority: Authority,
    *,
    subject: x509.Name,
    names: list[x509.GeneralName],
    usage: x509.ObjectIdentifier,
    not_after: datetime,
    now: datetime,
    public_key: CertificatePublicKeyTypes | None = None,
) -> IssuedCertificate:
    ca_key = serialization.load_pem_private_key(authority.private_key_pem, password=None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    ca_certificate = x509.load_pem_x509_certificate(authority.certificate_pem.encode())
    key = _new_key() if public_key is None else None
    if key is not None:
        public_key = key.public_key()
    assert public_key is not None
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_certificate.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - CLOCK_SKEW)
        .not_valid_after(min(not_after, ca_certificate.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    der = certificate.public_bytes(serialization.Encoding.DER)
    return IssuedCertificate(
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode(),
        private_key_pem="" if key is None else _key_pem(key).decode(),
        fingerprint=hashlib.sha256(der).hexdigest(),
        serial=format(certificate.serial_number, "x"),
        not_after=certificate.not_valid_after_utc,
    )


def subject(certificate_pem: str) -> str:
    return x509.load_pem_x509_certificate(certificate_pem.encode()).subject.rfc4514_string()


def expiry(certificate_pem: str) -> datetime:
    return x509.load_pem_x509_certificate(certificate_pem.encode()).not_valid_after_utc


def fingerprint(certificate_pem: str) -> str:
    """Lower-case hex SHA-256 of the certificate's DER encoding (as Envoy reports it)."""
    certificate = x509.load_pem_x509_certificate(certificate_pem.encode())
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()
