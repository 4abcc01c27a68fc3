"""The shared runtime's promises, without network or database."""

from __future__ import annotations

import base64
import time
from datetime import UTC, datetime

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric import ec

from services.monitor.domain import Outcome, local_day, outcome
from services.runtime import jwt
from services.runtime.config import ConfigError, load_settings
from services.runtime.crypto import SecretBox
from services.runtime.errors import InvalidArgument
from services.runtime.masking import mask_identifiers
from services.runtime.paging import next_token, page_window

KEY = base64.b64encode(b"k" * 32).decode()


def test_settings_default_to_the_embedded_database(tmp_path) -> None:
    settings = load_settings("registry", {"WAILIAN_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'registry.db'}"
    assert settings.embedded
    assert (tmp_path / "master.key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"WAILIAN_REGISTRY_GRPC_PORT": "http"}, "WAILIAN_REGISTRY_GRPC_PORT"),
        ({"WAILIAN_REGISTRY_HTTP_PORT": "70000"}, "WAILIAN_REGISTRY_HTTP_PORT"),
        ({"WAILIAN_ENV": "staging"}, "WAILIAN_ENV"),
        ({"WAILIAN_ENV": "production", "WAILIAN_MASTER_KEY": KEY}, "WAILIAN_REGISTRY_DATABASE_URL"),
        ({"WAILIAN_ENV": "production"}, "WAILIAN_MASTER_KEY"),
        ({"WAILIAN_MASTER_KEY": "c2hvcnQ="}, "WAILIAN_MASTER_KEY"),
        ({"WAILIAN_REGISTRY_DATABASE_URL": "mysql://x"}, "WAILIAN_REGISTRY_DATABASE_URL"),
        ({"WAILIAN_LOG_LEVEL": "LOUD"}, "WAILIAN_LOG_LEVEL"),
    ],
)
def test_bad_configuration_fails_fast_naming_the_variable(tmp_path, env, named) -> None:
    with pytest.raises(ConfigError, match=named):
        load_settings("registry", {"WAILIAN_DATA_DIR": str(tmp_path), **env})


def test_production_accepts_a_complete_configuration(tmp_path) -> None:
    settings = load_settings(
        "identity",
        {
            "WAILIAN_ENV": "production",
            "WAILIAN_MASTER_KEY": KEY,
            "WAILIAN_IDENTITY_DATABASE_URL": "postgresql+psycopg://db/identity",
            "WAILIAN_REDIS_URL": "redis://cache:6379/0",
            "WAILIAN_DATA_DIR": str(tmp_path),
        },
    )
    assert settings.production and not settings.embedded
    assert not (tmp_path / "master.key").exists()


def test_patient_identifiers_are_masked() -> None:
    text = "patient 110101199003071234 phone 13812345678 order 202611290000123456789"
    masked = mask_identifiers(text)
    assert "110101199003071234" not in masked
    assert "13812345678" not in masked
    assert "110101********1234" in masked
    assert "138****5678" in masked
    assert "202611290000123456789" in masked  # a long order number is not an ID card


def test_tokens_verify_only_with_the_right_key_audience_and_time() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    other = ec.generate_private_key(ec.SECP256R1())
    now = int(time.time())
    claims = {"iss": "wailian-identity", "aud": "wailian-console", "sub": "u1", "exp": now + 60}
    token = jwt.sign(claims, key, "k1")
    keys = {"k1": jwt.jwk_public_key(jwt.public_jwk(key.public_key(), "k1"))}
    assert (
        jwt.verify(token, keys, audience="wailian-console", issuer="wailian-identity")["sub"]
        == "u1"
    )
    with pytest.raises(jwt.TokenError, match="audience"):
        jwt.verify(token, keys, audience="wailian-channel", issuer="wailian-identity")
    with pytest.raises(jwt.TokenError, match="expired"):
        jwt.verify(token, keys, audience="wailian-console", issuer="wailian-identity", now=now + 61)
    forged = jwt.sign(claims, other, "k1")
    with pytest.raises(jwt.TokenError, match="signature"):
        jwt.verify(forged, keys, audience="wailian-console", issuer="wailian-identity")
    with pytest.raises(jwt.TokenError):
        jwt.verify("not.a.token", keys, audience="wailian-console", issuer="wailian-identity")


def test_sealed_secrets_open_only_in_their_context_and_survive_key_rotation() -> None:
    old, new = b"o" * 32, b"n" * 32
    sealed = SecretBox(old).seal(b"client-secret", "channel_credentials:1")
    assert b"client-secret" not in sealed
    with pytest.raises(InvalidTag):
        SecretBox(old).open(sealed, "channel_credentials:2")
    rotated = SecretBox(new, previous=[old])
    assert rotated.open(sealed, "channel_credentials:1") == b"client-secret"
    with pytest.raises(ValueError, match="master key"):
        SecretBox(new).open(sealed, "channel_credentials:1")


def test_page_tokens_walk_the_whole_list_and_bad_ones_are_refused() -> None:
    offset, limit = page_window(2, "")
    seen = []
    while True:
        seen.extend(range(offset, min(offset + limit, 5)))
        token = next_token(offset, limit, 5)
        if not token:
            break
        offset, limit = page_window(2, token)
    assert seen == [0, 1, 2, 3, 4]
    with pytest.raises(InvalidArgument, match="page_token"):
        page_window(2, "garbage!")
    with pytest.raises(InvalidArgument, match="page_size"):
        page_window(-1, "")


@pytest.mark.parametrize(
    ("status", "flags", "expected"),
    [
        (200, "", Outcome.SUCCESS),
        (304, "", Outcome.SUCCESS),
        (200, "DC", Outcome.SERVER_ERROR),
        (401, "", Outcome.CLIENT_ERROR),
        (404, "NR", Outcome.CLIENT_ERROR),
        (503, "UF", Outcome.SERVER_ERROR),
        (0, "DC", Outcome.SERVER_ERROR),
    ],
)
def test_one_definition_of_success(status, flags, expected) -> None:
    assert outcome(status, flags) is expected


def test_today_is_the_calendar_day_in_the_platform_time_zone() -> None:
    # 17:30 UTC is 01:30 the next day in Shanghai.
    day = local_day(datetime(2026, 11, 29, 17, 30, tzinfo=UTC), "Asia/Shanghai")
    assert day.start == datetime(2026, 11, 29, 16, 0, tzinfo=UTC)
    assert day.end == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)


def test_csv_cells_a_spreadsheet_would_run_are_neutralised() -> None:
    from services.runtime import csv_export

    text = csv_export.lines([["=SUM(A1)", "+1", "-2", "@x", "ok", 3]]).decode()
    assert text == "'=SUM(A1),'+1,'-2,'@x,ok,3\r\n"
    assert csv_export.header(["a", "b"]) == "\ufeffa,b\r\n".encode()
