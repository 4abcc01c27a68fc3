"""The WAILIAN-HMAC-SHA256 signature that channels compute and identity verifies."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from services.identity import signature

SECRET = "s3cr3t-of-the-wechat-channel"
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ""),
        ("b=2&a=1", "a=1&b=2"),
        ("a=2&a=1&a=10", "a=1&a=10&a=2"),
        ("name=%E5%BC%A0%E4%B8%89&dept=", "dept=&name=%E5%BC%A0%E4%B8%89"),
        ("flag&x=1", "flag=&x=1"),
        ("q=a%20b&sp=a+b", "q=a%20b&sp=a%20b"),
        ("k%2Fey=v%2Fal~ue.-_", "k%2Fey=v%2Fal~ue.-_"),
        ("date=2026-11-29T08%3A00", "date=2026-11-29T08%3A00"),
        ("emoji=%F0%9F%98%80&reserved=!*'()", "emoji=%F0%9F%98%80&reserved=%21%2A%27%28%29"),
    ],
)
def test_the_canonical_query_is_decoded_sorted_and_re_encoded(query: str, expected: str) -> None:
    assert signature.canonical_query(query) == expected


def test_the_string_to_sign_and_the_signature_of_a_known_request() -> None:
    body = b'{"patientId":"P001"}'
    expected_string = (
        "POST\n"
        "/his/v1/appointments\n"
        "date=2026-11-30&dept=0101\n"
        "1764400000\n"
        "abcdefghijklmnop\n"
        f"{hashlib.sha256(body).hexdigest()}\n"
    )
    built = signature.string_to_sign(
        "post",
        "/his/v1/appointments",
        "dept=0101&date=2026-11-30",
        "1764400000",
        "abcdefghijklmnop",
        body,
    )
    assert built == expected_string
    by_hand = base64.b64encode(
        hmac.new(SECRET.encode(), expected_string.encode(), hashlib.sha256).digest()
    ).decode()
    assert signature.sign(SECRET, built) == by_hand
    # Pinned, so that an SDK in another language can check itself against this vector.
    assert hashlib.sha256(body).hexdigest() == (
        "17f4679d1680c83e2ecf410611654b30a6e6959ae28a74aa172ded3b8cd0a382"
    )
    assert by_hand == "4uy52M5+Z5oSQeWBwYxzhI7zmuDFn0y00K5dPcWI01Q="

    header = signature.authorization_header(
        "wl0123456789abcdef01",
        SECRET,
        "POST",
        "/his/v1/appointments?dept=0101&date=2026-11-30",
        body,
        timestamp=1764400000,
        nonce="abcdefghijklmnop",
    )
    assert header == (
        'WAILIAN-HMAC-SHA256 client_id="wl0123456789abcdef01",timestamp="1764400000",'
        f'nonce="abcdefghijklmnop",signature="{by_hand}"'
    )
    parsed = signature.parse_authorization(header)
    assert (parsed.client_id, parsed.timestamp, parsed.nonce, parsed.signature) == (
        "wl0123456789abcdef01",
        1764400000,
        "abcdefghijklmnop",
        by_hand,
    )
    assert signature.signature_matches(SECRET, parsed.signature, built)
    assert not signature.signature_matches("another secret", parsed.signature, built)


def test_an_empty_body_and_query_still_have_their_lines() -> None:
    built = signature.string_to_sign("GET", "/his/v1/departments", "", "1", "n" * 16, b"")
    assert built == f"GET\n/his/v1/departments\n\n1\n{'n' * 16}\n{EMPTY_SHA256}\n"


def test_a_default_header_is_fresh_and_parses() -> None:
    first = signature.parse_authorization(
        signature.authorization_header("wlabc", SECRET, "GET", "/x")
    )
    second = signature.parse_authorization(
        signature.authorization_header("wlabc", SECRET, "GET", "/x")
    )
    assert first.nonce != second.nonce
    assert 16 <= len(first.nonce) <= 64


GOOD_SIGNATURE = base64.b64encode(b"\0" * 32).decode()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Bearer abc.def.ghi", "not a WAILIAN-HMAC-SHA256 authorization"),
        ("WAILIAN-HMAC-SHA256 ", 'expected name="value" pairs'),
        (
            f'WAILIAN-HMAC-SHA256 client_id="wl1",timestamp="1",signature="{GOOD_SIGNATURE}"',
            "missing nonce",
        ),
        (
            f'WAILIAN-HMAC-SHA256 client_id="wl1",timestamp="soon",nonce="{"n" * 16}",'
            f'signature="{GOOD_SIGNATURE}"',
            "timestamp must be unix seconds",
        ),
        (
            f'WAILIAN-HMAC-SHA256 client_id="wl1",timestamp="1",nonce="short",'
            f'signature="{GOOD_SIGNATURE}"',
            "nonce must be 16-64 characters",
        ),
        (
            f'WAILIAN-HMAC-SHA256 client_id="wl1",timestamp="1",nonce="{"n" * 15}!",'
            f'signature="{GOOD_SIGNATURE}"',
            "nonce must be 16-64 characters",
        ),
        (
            f'WAILIAN-HMAC-SHA256 client_id="wl1",timestamp="1",nonce="{"n" * 16}",'
            'signature="not base64!"',
            "signature must be base64",
        ),
        (
            f'WAILIAN-HMAC-SHA256 client_id="wl1",timestamp="1",nonce="{"n" * 16}",'
            'signature="c2hvcnQ="',
            "base64 HMAC-SHA256",
        ),
        (
            f'WAILIAN-HMAC-SHA256 client_id="wl1",client_id="wl2",timestamp="1",'
            f'nonce="{"n" * 16}",signature="{GOOD_SIGNATURE}"',
            "client_id given twice",
        ),
        (
            f'WAILIAN-HMAC-SHA256 client_id="wl1",timestamp="1",nonce="{"n" * 16}",'
            f'signature="{GOOD_SIGNATURE}",realm="x"',
            "unknown field realm",
        ),
        ("WAILIAN-HMAC-SHA256 client_id=wl1", 'expected name="value" pairs'),
    ],
)
def test_a_malformed_header_is_refused_with_the_reason(value: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem.replace("(", r"\(")) as refused:
        signature.parse_authorization(value)
    assert problem in str(refused.value)


def test_the_timestamp_window_is_300_seconds_either_way() -> None:
    assert signature.timestamp_in_window(1000, 1300)
    assert signature.timestamp_in_window(1300, 1000)
    assert not signature.timestamp_in_window(1000, 1301)
    assert not signature.timestamp_in_window(1301, 1000)
