"""The audit trail: every identity write and sign-in, hash-chained, read by the auditor alone;
and no secret in the logs."""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
import pytest
from sqlalchemy import text

from services.runtime import cli
from services.runtime.logs import JsonFormatter
from tests.integration.identity_support import (
    GOOD_PASSWORD,
    admin,
    audit,
    bearer,
    create_user,
    engine,
    identity_fixture,  # noqa: F401 - the fixture
    login,
    refused,
    sessions,
    signed_up,
    users,
)
from wailian.identity.v1 import audit_pb2 as ap
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.identity.v1 import users_pb2 as up


def _records(platform, auditor, **filters) -> list[ap.AuditRecord]:
    return list(
        audit(platform)
        .ListAuditRecords(
            ap.ListAuditRecordsRequest(page_size=200, filter=ap.AuditRecordFilter(**filters)),
            metadata=auditor,
        )
        .audit_records
    )


def test_sign_ins_and_account_changes_are_recorded_for_the_auditor_only(identity) -> None:
    auditor = signed_up(identity, "shen.audit", ["audit_admin"])
    refused(
        login, identity, "nobody", "Wrong-pass-1", metadata=(("x-forwarded-for", "203.0.113.7"),)
    )
    created, temporary = create_user(identity, "gu.ming", ["operator"])

    failed = _records(identity, auditor, actor_name="nobody")
    assert len(failed) == 1
    assert failed[0].result == ap.AUDIT_RESULT_FAILURE
    assert failed[0].actor_kind == ap.ACTOR_KIND_ANONYMOUS
    assert failed[0].client_ip == "203.0.113.7"
    assert failed[0].action == "identity.session.login"
    assert failed[0].method == "/wailian.identity.v1.SessionService/Login"

    signed_in = _records(identity, auditor, actor_name="admin", action_prefix="identity.session")
    assert signed_in and all(r.result == ap.AUDIT_RESULT_SUCCESS for r in signed_in)
    assert signed_in[0].client_ip == "127.0.0.1"

    (creation,) = _records(identity, auditor, resource_id=created.user_id)
    assert creation.actor_name == "admin"
    assert creation.action == "identity.user.write"
    assert json.loads(creation.after_json)["roles"] == ["operator"]
    assert creation.before_json == ""
    assert temporary not in creation.after_json
    assert creation.hash and creation.previous_hash
    got = audit(identity).GetAuditRecord(
        ap.GetAuditRecordRequest(audit_record_id=creation.audit_record_id), metadata=auditor
    )
    assert got.audit_record == creation

    # The auditor reads the trail and nothing else.
    channels = idg.ChannelServiceStub(identity.channel("identity"))
    assert refused(channels.ListChannels, idp.ListChannelsRequest(), metadata=auditor).code() == (
        grpc.StatusCode.PERMISSION_DENIED
    )


def _verify(platform, auditor) -> ap.VerifyAuditChainResponse:
    return audit(platform).VerifyAuditChain(ap.VerifyAuditChainRequest(), metadata=auditor)


def _cli_verify(platform, tmp_path: Path, monkeypatch, capsys) -> tuple[int, str]:
    settings = platform.running["identity"]._runtime.settings
    monkeypatch.setenv("WAILIAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WAILIAN_IDENTITY_DATABASE_URL", settings.database_url)
    code = cli.main(["audit", "verify"])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_an_edited_audit_row_breaks_the_chain(identity, tmp_path, monkeypatch, capsys) -> None:
    auditor = signed_up(identity, "shen.audit", ["audit_admin"])
    create_user(identity, "gu.ming", ["operator"])
    report = _verify(identity, auditor)
    assert report.intact and report.verified_records >= 4
    assert _cli_verify(identity, tmp_path, monkeypatch, capsys)[0] == 0

    with engine(identity).begin() as connection:
        connection.execute(
            text("UPDATE audit_records SET actor_name = 'someone-else' WHERE sequence = 2")
        )
    report = _verify(identity, auditor)
    assert not report.intact
    assert report.first_broken_sequence == 2
    assert "changed" in report.message
    code, output = _cli_verify(identity, tmp_path, monkeypatch, capsys)
    assert code == 1 and "BROKEN at sequence 2" in output


def test_a_deleted_audit_row_breaks_the_chain(identity) -> None:
    auditor = signed_up(identity, "shen.audit", ["audit_admin"])
    with engine(identity).begin() as connection:
        connection.execute(text("DELETE FROM audit_records WHERE sequence = 3"))
    report = _verify(identity, auditor)
    assert not report.intact and report.first_broken_sequence == 4
    assert "missing" in report.message


def test_concurrent_sign_ins_keep_one_unbroken_chain(identity) -> None:
    auditor = signed_up(identity, "shen.audit", ["audit_admin"])
    before = _verify(identity, auditor).verified_records

    def attempt(n: int) -> None:
        refused(login, identity, f"ghost{n}", "Wrong-pass-1")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(attempt, range(16)))
    # Verifying is itself a read; the 16 refusals are all linked in order.
    report = _verify(identity, auditor)
    assert report.intact
    assert report.verified_records == before + 16


def test_secrets_never_reach_the_logs(identity, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    formatter = JsonFormatter("identity")
    signed_in = login(identity, "admin", "Wailian@2026")
    created, temporary = create_user(identity, "xia.tian", ["read_only"])
    first = login(identity, "xia.tian", temporary)
    sessions(identity).ChangePassword(
        idp.ChangePasswordRequest(current_password=temporary, new_password=GOOD_PASSWORD),
        metadata=bearer(first.access_token),
    )
    reset = users(identity).ResetUserPassword(
        up.ResetUserPasswordRequest(user_id=created.user_id), metadata=admin(identity)
    )
    refused(login, identity, "xia.tian", "Wrong-but-close-1")
    token = signed_up(identity, "yan.zi", ["read_only"])
    enrolment = sessions(identity).StartTotpEnrollment(
        idp.StartTotpEnrollmentRequest(current_password=GOOD_PASSWORD), metadata=token
    )
    refreshed = sessions(identity).RefreshSession(
        idp.RefreshSessionRequest(refresh_token=signed_in.refresh_token)
    )
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    assert '"signed in"' in logged  # the capture works
    for secret in (
        "Wailian@2026",
        temporary,
        GOOD_PASSWORD,
        reset.temporary_password,
        "Wrong-but-close-1",
        enrolment.secret,
        signed_in.refresh_token,
        refreshed.refresh_token,
        signed_in.access_token,
    ):
        assert secret not in logged
