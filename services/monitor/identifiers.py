"""Patient identifiers in request paths and queries, hidden before an access-log row is stored.

ID card and mobile numbers have a shape and are masked wherever they appear
(services/runtime/masking.py). Medical record, patient card, inpatient and patient numbers have
none: each hospital numbers its own way. They are found by where they stand — the segment after
`/patients/`, `/inpatients/`, `/cards/`..., the value of a query parameter such as `patient_id`
or `card_no` — and replaced by a keyed hash ("~" and 12 hex digits): the same patient gives the
same token, so support staff can still follow one patient's calls, and nobody can turn the
token back into the number without the platform's master key.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from urllib.parse import parse_qsl, quote, unquote

from services.runtime.masking import mask_identifiers

# A path segment after one of these is a patient's identifier.
PATH_KEYWORDS = frozenset(
    {
        "patients",
        "patient",
        "inpatients",
        "inpatient",
        "outpatients",
        "cards",
        "patient-cards",
        "medical-cards",
        "medical-records",
        "medical_records",
        "admissions",
        "id-cards",
        "members",
    }
)
# Query parameters (compared without case, "_" or "-") whose value identifies a patient.
QUERY_KEYS = frozenset(
    {
        "patientid",
        "patientno",
        "patientcode",
        "patientname",
        "cardno",
        "cardnumber",
        "cardid",
        "medicalcardno",
        "medicalrecordno",
        "medicalrecordnumber",
        "mrn",
        "inpatientno",
        "inpatientid",
        "admissionno",
        "outpatientno",
        "visitcardno",
        "idcard",
        "idcardno",
        "idno",
        "idnumber",
        "certno",
        "phone",
        "mobile",
        "tel",
        "name",
    }
)
HASH_PREFIX = "~"
# Most paths have neither a query nor a patient resource: they skip the parsing.
_MAY_HOLD = re.compile(
    "|".join(re.escape(f"/{keyword}/") for keyword in sorted(PATH_KEYWORDS)) + r"|\?",
    re.IGNORECASE,
)


class IdentifierHasher:
    """Replaces patient identifiers in paths and queries by keyed hashes."""

    def __init__(self, key: bytes) -> None:
        self._key = hmac.new(key, b"wailian monitor patient identifiers", hashlib.sha256).digest()

    def token(self, value: str) -> str:
        digest = hmac.new(self._key, value.encode(), hashlib.sha256).hexdigest()
        return f"{HASH_PREFIX}{digest[:12]}"

    def path(self, raw: str) -> str:
        """The path and query with every patient identifier hidden."""
        if not _MAY_HOLD.search(raw):
            return mask_identifiers(raw)
        path, mark, query = raw.partition("?")
        segments = path.split("/")
        # What is not hashed is masked piece by piece: masking the whole afterwards could take a
        # hash whose hex digits happen to run like a mobile number for one (~185****7379b).
        hashed = [False] * len(segments)
        for index in range(1, len(segments)):
            if segments[index - 1].lower() in PATH_KEYWORDS and _is_identifier(segments[index]):
                segments[index] = self.token(unquote(segments[index]))
                hashed[index] = True
        hidden = "/".join(
            segment if hashed[index] else mask_identifiers(segment)
            for index, segment in enumerate(segments)
        )
        if mark:
            hidden += "?" + self._query(query)
        return hidden

    def _query(self, query: str) -> str:
        parts = []
        for name, value in parse_qsl(query, keep_blank_values=True):
            key = name.lower().replace("_", "").replace("-", "")
            hash_it = key in QUERY_KEYS and value
            shown = self.token(value) if hash_it else mask_identifiers(value)
            parts.append(f"{quote(mask_identifiers(name), safe='')}={quote(shown, safe='~')}")
        return "&".join(parts)


def _is_identifier(segment: str) -> bool:
    """A segment that holds a value, not the next resource name or an action (`:cancel`)."""
    return (
        bool(segment) and not segment.startswith(HASH_PREFIX) and any(c.isdigit() for c in segment)
    )
