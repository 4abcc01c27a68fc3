"""The channel page (module 13) in Chromium, as the hospital's IT staff use it: a vendor's
channel with an IP allow-list, its three kinds of credentials (secrets and private keys shown
once), rotation, revocation, disabling with a reason, search, and the English labels.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from services.identity.main import DEMO_ADMIN_PASSWORD
from tests.e2e.console import choose, confirm_message_box, console_of, sign_in
from tests.support import http_json

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

SHOWN_TIME = "%Y-%m-%d %H:%M:%S"


def admin_token(console: str) -> str:
    body = json.dumps({"username": "admin", "password": DEMO_ADMIN_PASSWORD}).encode()
    status, _, answer = http_json(
        "POST",
        f"{console}/api/identity/v1/sessions:login",
        body=body,
        headers={"content-type": "application/json"},
    )
    assert status == 200, answer
    return str(answer["accessToken"])


def create_vendor_account(console: str, username: str, display_name: str) -> None:
    """A developer-center account of an external vendor, as the user page would create it."""
    user = {
        "username": username,
        "displayName": display_name,
        "kind": "USER_KIND_DEVELOPER",
        "roles": ["developer"],
        "organization": "康联科技",
    }
    status, _, answer = http_json(
        "POST",
        f"{console}/api/identity/v1/users",
        body=json.dumps({"user": user}).encode(),
        headers={
            "content-type": "application/json",
            "authorization": f"Bearer {admin_token(console)}",
        },
    )
    assert status == 200, answer


def vendor_csr() -> tuple[ec.EllipticCurvePrivateKey, str]:
    """A key pair the vendor keeps, and the certificate signing request it sends in."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kanglian-gateway")])
    csr = x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())
    return key, csr.public_bytes(serialization.Encoding.PEM).decode()


def issue(page, kind_testid: str, csr: str = "") -> str:  # type: ignore[no-untyped-def]
    """Issues a credential of one kind in the open drawer; answers its client_id."""
    page.get_by_test_id(kind_testid).click()
    if csr:
        page.get_by_test_id("credential-key-csr").click()
        page.get_by_test_id("credential-csr").fill(csr)
    page.get_by_test_id("credential-issue").click()
    client_id = page.get_by_test_id("credential-issued-client-id")
    client_id.wait_for()
    shown = client_id.inner_text().strip()
    assert re.fullmatch(r"wl[0-9a-f]{18}", shown)
    page.locator(f"[data-testid=credential-row][data-client-id='{shown}']").wait_for()
    return shown


def close_shown(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("credential-issued-done").click()
    page.get_by_test_id("credential-issued").wait_for(state="detached")


def downloaded_text(page, button) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Clicks a download button; answers the file's suggested name and its text."""
    with page.expect_download() as started:
        button.click()
    download = started.value
    return download.suggested_filename, Path(download.path()).read_text()


def test_a_vendor_channel_and_its_credentials_from_issue_to_revocation(demo_platform, page) -> None:
    console = console_of(demo_platform)
    suffix = uuid.uuid4().hex[:8]
    code = f"vendor-{suffix}"
    vendor = f"kanglian_{suffix}"
    create_vendor_account(console, vendor, f"康联对接 {suffix}")

    sign_in(page, console, "/system/channels", "admin", DEMO_ADMIN_PASSWORD)
    page.locator("[data-testid=channel-row][data-channel-code=demo-app]").wait_for()

    # A vendor's channel, reachable only from the vendor's network, managed by its account.
    page.get_by_test_id("channel-create").click()
    page.get_by_test_id("channel-form-code").fill(code)
    page.get_by_test_id("channel-form-name").fill(f"互联网医院 {suffix}")
    choose(page, "channel-form-type", "channel-form-type-CHANNEL_TYPE_THIRD_PARTY_VENDOR")
    page.get_by_test_id("channel-form-owner").fill("信息科")
    page.get_by_test_id("channel-form-ip-allow-list").fill("10.20.0.0/16\n192.168.1.10")
    page.get_by_test_id("channel-form-rate-limit").locator("input").fill("50")
    choose(page, "channel-form-vendors", f"channel-form-vendor-{vendor}")
    page.get_by_test_id("channel-form-name").click()  # closes the vendor list
    page.get_by_test_id("channel-form-submit").click()

    drawer = page.get_by_test_id("channel-drawer")
    drawer.get_by_text(code).first.wait_for()
    assert (
        page.get_by_test_id("channel-facts-ip-allow-list").inner_text()
        == "10.20.0.0/16, 192.168.1.10"
    )
    assert vendor in page.get_by_test_id("channel-facts-vendors").inner_text()
    assert page.get_by_test_id("channel-facts-rate-limit").inner_text() == "50"
    page.get_by_test_id("credential-table").wait_for()
    assert page.get_by_test_id("credential-row").count() == 0

    # A token credential: its secret is shown once, with the warning, and gone once closed.
    token_id = issue(page, "credential-kind-token")
    token_secret = page.get_by_test_id("credential-secret").inner_text().strip()
    assert len(token_secret) >= 20
    assert "只显示这一次" in page.get_by_test_id("credential-issued").inner_text()
    page.get_by_test_id("credential-secret-copy").wait_for()
    close_shown(page)
    assert page.get_by_test_id("credential-secret").count() == 0
    assert token_secret not in page.content()
    token_row = page.locator(f"[data-testid=credential-row][data-client-id='{token_id}']")
    assert "令牌" in token_row.inner_text()
    assert "有效" in token_row.get_by_test_id("credential-state").inner_text()
    assert token_row.get_by_test_id("credential-last-used").inner_text().strip() == "从未使用"

    # A signature credential, also with a secret shown once; the guide shows how to sign.
    signature_id = issue(page, "credential-kind-signature")
    signature_secret = page.get_by_test_id("credential-secret").inner_text().strip()
    assert signature_secret != token_secret
    page.get_by_test_id("guide-signature").wait_for()
    guide = page.get_by_test_id("guide-signature").inner_text()
    assert f'WAILIAN-HMAC-SHA256 client_id="{signature_id}"' in guide
    assert "openssl dgst -sha256 -hmac" in guide
    close_shown(page)

    # Mutual TLS with a key pair made by the platform: certificate and private key shown once,
    # each downloadable as a .pem file.
    mtls_id = issue(page, "credential-kind-mtls")
    certificate = page.get_by_test_id("credential-certificate").inner_text().strip()
    private_key = page.get_by_test_id("credential-private-key").inner_text().strip()
    assert certificate.startswith("-----BEGIN CERTIFICATE-----")
    assert "PRIVATE KEY-----" in private_key
    page.get_by_test_id("credential-key-warning").wait_for()
    name, text = downloaded_text(page, page.get_by_test_id("credential-certificate-download"))
    assert name == f"{code}-{mtls_id}-cert.pem"
    assert text.strip() == certificate
    name, text = downloaded_text(page, page.get_by_test_id("credential-private-key-download"))
    assert name == f"{code}-{mtls_id}-key.pem"
    assert text.strip() == private_key
    mtls_guide = page.get_by_test_id("guide-mtls")
    mtls_guide.wait_for()
    assert f"--cert {code}-{mtls_id}-cert.pem" in mtls_guide.inner_text()
    assert f"--key {code}-{mtls_id}-key.pem" in mtls_guide.inner_text()
    close_shown(page)
    assert private_key not in page.content()

    # The certificate, never the key, can be downloaded again; its fingerprint is listed.
    mtls_row = page.locator(f"[data-testid=credential-row][data-client-id='{mtls_id}']")
    assert re.fullmatch(
        r"[0-9a-f]{64}", mtls_row.get_by_test_id("credential-fingerprint").inner_text().strip()
    )
    name, text = downloaded_text(page, mtls_row.get_by_test_id("credential-download"))
    assert name == f"{code}-{mtls_id}-cert.pem"
    assert text.strip() == certificate
    assert mtls_row.get_by_test_id("credential-rotate").count() == 1  # by a new certificate

    # With the vendor's own CSR only the certificate comes back, for the vendor's own key.
    vendor_key, csr = vendor_csr()
    csr_id = issue(page, "credential-kind-mtls", csr)
    signed = x509.load_pem_x509_certificate(
        page.get_by_test_id("credential-certificate").inner_text().strip().encode()
    )
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert signed.public_key().public_bytes(*spki) == vendor_key.public_key().public_bytes(*spki)
    assert page.get_by_test_id("credential-private-key").count() == 0
    assert page.get_by_test_id("credential-key-warning").count() == 0
    close_shown(page)
    assert page.locator(f"[data-testid=credential-row][data-client-id='{csr_id}']").count() == 1

    # The platform CA that signed it, with its fingerprint, to download.
    page.get_by_test_id("ca-show").click()
    ca_fingerprint = page.get_by_test_id("ca-fingerprint")
    ca_fingerprint.wait_for()
    assert re.fullmatch(r"[0-9a-f]{64}", ca_fingerprint.inner_text().strip())
    name, text = downloaded_text(page, page.get_by_test_id("ca-download"))
    assert name == "wailian-ca.pem"
    assert text.startswith("-----BEGIN CERTIFICATE-----")

    # Rotating the token: a new secret shown once; the old one works for 24 more hours.
    token_row.get_by_test_id("credential-rotate").click()
    overlap = page.get_by_test_id("credential-rotate-overlap").locator("input")
    overlap.wait_for()
    assert overlap.input_value() == "24"
    rotated_at = datetime.now()
    page.get_by_test_id("credential-rotate-submit").click()
    new_secret = page.get_by_test_id("credential-secret")
    new_secret.wait_for()
    assert new_secret.inner_text().strip() not in ("", token_secret)
    assert page.get_by_test_id("credential-issued-client-id").inner_text().strip() == token_id
    page.get_by_test_id("credential-rotated-note").wait_for()
    close_shown(page)
    old = page.locator(
        f"[data-testid=credential-row][data-client-id='{token_id}'][data-rotated=true]"
    )
    old.wait_for()
    assert page.locator(f"[data-testid=credential-row][data-client-id='{token_id}']").count() == 2
    assert "已轮换" in old.inner_text()
    assert "即将过期" in old.get_by_test_id("credential-state").inner_text()
    old_expiry = datetime.strptime(
        old.get_by_test_id("credential-expire-time").inner_text().strip(), SHOWN_TIME
    )
    assert abs(old_expiry - (rotated_at + timedelta(hours=24))) < timedelta(minutes=5)
    assert old.get_by_test_id("credential-rotate").count() == 0

    # Revoking the signature credential takes a reason, and the list says why.
    signature_row = page.locator(f"[data-testid=credential-row][data-client-id='{signature_id}']")
    signature_row.get_by_test_id("credential-revoke").click()
    submit = page.get_by_test_id("credential-revoke-submit")
    submit.wait_for()
    assert submit.is_disabled()
    page.get_by_test_id("credential-revoke-reason-input").fill("密钥疑似泄露")
    submit.click()
    signature_row.get_by_test_id("credential-state").get_by_text("已吊销").wait_for()
    assert "密钥疑似泄露" in signature_row.get_by_test_id("credential-revoke-reason").inner_text()
    assert signature_row.get_by_test_id("credential-revoke").count() == 0

    # Disabled with a reason, shown in the list; then enabled again.
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")
    row = page.locator(f"[data-testid=channel-row][data-channel-code={code}]")
    row.get_by_test_id("channel-disable").click()
    page.get_by_test_id("channel-disable-reason").fill("合同到期，待续签")
    page.get_by_test_id("channel-disable-submit").click()
    row.get_by_test_id("channel-status").get_by_text("停用").wait_for()
    assert "合同到期，待续签" in row.get_by_test_id("channel-disabled-reason").inner_text()
    row.get_by_test_id("channel-enable").click()
    confirm_message_box(page)
    row.get_by_test_id("channel-status").get_by_text("启用").wait_for()
    assert row.get_by_test_id("channel-disabled-reason").count() == 0

    # Editing changes what the list shows; the code stays.
    row.get_by_test_id("channel-edit").click()
    assert page.get_by_test_id("channel-form-code").is_disabled()
    page.get_by_test_id("channel-form-name").fill(f"康联互联网医院 {suffix}")
    page.get_by_test_id("channel-form-submit").click()
    row.get_by_text(f"康联互联网医院 {suffix}").wait_for()

    # Searching narrows the list to this channel.
    page.get_by_test_id("channel-query").fill(suffix)
    page.get_by_test_id("channel-search").click()
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=channel-row]').length === 1"
    )
    assert row.count() == 1

    # In English, the credential kinds are named in English.
    page.get_by_test_id("lang-switch").click()
    row.get_by_test_id("channel-detail").click()
    page.locator(f"[data-testid=credential-row][data-client-id='{mtls_id}']").wait_for()
    kinds = {
        label.inner_text().strip() for label in page.get_by_test_id("credential-kind-label").all()
    }
    assert kinds == {"Token (client_credentials)", "Signature", "Mutual TLS certificate"}
    assert "Revoked" in signature_row.get_by_test_id("credential-state").inner_text()
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")

    # Deleting, once confirmed, takes the channel off the list.
    row.get_by_test_id("channel-delete").click()
    confirm_message_box(page)
    row.wait_for(state="detached")
    page.get_by_test_id("channel-empty").wait_for()
