"""Turning Envoy's access-log entries into rows, patient identifiers masked first."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from envoy.data.accesslog.v3 import accesslog_pb2
from google.protobuf import duration_pb2, timestamp_pb2

from services.runtime.masking import mask_identifiers

_METHODS = {
    value.number: value.name
    for value in accesslog_pb2.HTTPRequestProperties.DESCRIPTOR.fields_by_name[
        "request_method"
    ].enum_type.values
}

# Envoy's short names for its response flags, as in its text access log.
_FLAG_NAMES = {
    "failed_local_healthcheck": "LH",
    "no_healthy_upstream": "UH",
    "upstream_request_timeout": "UT",
    "local_reset": "LR",
    "upstream_remote_reset": "UR",
    "upstream_connection_failure": "UF",
    "upstream_connection_termination": "UC",
    "upstream_overflow": "UO",
    "no_route_found": "NR",
    "delay_injected": "DI",
    "fault_injected": "FI",
    "rate_limited": "RL",
    "rate_limit_service_error": "RLSE",
    "downstream_connection_termination": "DC",
    "upstream_retry_limit_exceeded": "URX",
    "stream_idle_timeout": "SI",
    "invalid_envoy_request_headers": "IH",
    "downstream_protocol_error": "DPE",
    "upstream_max_stream_duration_reached": "UMSDR",
    "response_from_cache_filter": "RFCF",
    "no_filter_config_found": "NFCF",
    "duration_timeout": "DT",
    "upstream_protocol_error": "UPE",
    "no_cluster_found": "NC",
    "overload_manager": "OM",
    "dns_resolution_failure": "DF",
    "downstream_remote_reset": "DR",
}


_FLAG_ORDER = {field: index for index, field in enumerate(_FLAG_NAMES)}


def response_flags(flags: accesslog_pb2.ResponseFlags) -> str:
    # ListFields names only the flags that are set: nearly always none.
    present = {field.name for field, _ in flags.ListFields()}
    if not present:
        return ""
    names = [
        _FLAG_NAMES[field]
        for field in sorted(present & _FLAG_ORDER.keys(), key=_FLAG_ORDER.__getitem__)
    ]
    if "unauthorized_details" in present:
        names.append("UAEX")
    return ",".join(names)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _moment(stamp: timestamp_pb2.Timestamp) -> datetime:
    # Timestamp.ToDatetime, without its checks and rounding helpers: once per entry.
    return _EPOCH + timedelta(seconds=stamp.seconds, microseconds=stamp.nanos // 1000)


def _millis(duration: duration_pb2.Duration) -> int:
    return duration.seconds * 1000 + duration.nanos // 1_000_000


def _trace_id(traceparent: str) -> str:
    """The trace id of a W3C traceparent header ("00-<trace id>-<span id>-<flags>")."""
    parts = traceparent.split("-")
    return parts[1][:64] if len(parts) >= 4 else ""


def row_values(
    entry: accesslog_pb2.HTTPAccessLogEntry,
    edge_node_id: str = "",
    hide_path: Callable[[str], str] = mask_identifiers,
) -> dict[str, object]:
    """The column values of one access-log row; `hide_path` hides patient identifiers in the
    path and query (services/monitor/identifiers.py)."""
    common = entry.common_properties
    request = entry.request
    headers = request.request_headers
    started = _moment(common.start_time) if common.HasField("start_time") else None
    total = common.time_to_last_downstream_tx_byte
    upstream_ms = (
        _millis(common.time_to_last_upstream_rx_byte)
        if common.HasField("time_to_last_upstream_rx_byte")
        else -1
    )
    client = common.downstream_remote_address.socket_address.address
    upstream = common.upstream_remote_address.socket_address
    return {
        "request_id": (request.request_id or headers.get("x-request-id", "") or _new_id())[:64],
        "trace_id": _trace_id(headers.get("traceparent", "")),
        "started_at": started or datetime.now(UTC),
        "channel_id": headers.get("x-wailian-channel-id", "")[:64],
        "channel_code": headers.get("x-wailian-channel-code", "")[:64],
        "api_code": common.route_name[:128],
        "method": _METHODS.get(request.request_method, "OTHER")[:16],
        # The channel's path when Envoy reports it, else the path sent upstream.
        "path": hide_path(
            headers.get("x-wailian-public-path")
            or headers.get("x-envoy-original-path")
            or request.path
        )[:1024],
        "upstream_cluster": common.upstream_cluster[:128],
        "upstream_host": (f"{upstream.address}:{upstream.port_value}" if upstream.address else "")[
            :128
        ],
        "status": entry.response.response_code.value,
        "response_flags": response_flags(common.response_flags)[:128],
        "response_code_details": entry.response.response_code_details[:128],
        "duration_ms": _millis(total),
        "upstream_ms": upstream_ms,
        "bytes_received": request.request_headers_bytes + request.request_body_bytes,
        "bytes_sent": entry.response.response_headers_bytes + entry.response.response_body_bytes,
        "client_ip": client[:64],
        "user_agent": mask_identifiers(request.user_agent)[:256],
        "edge_node_id": edge_node_id[:128],
    }


def _new_id() -> str:
    return uuid.uuid4().hex


def _text(line: Mapping[str, object], key: str) -> str:
    """A field of Envoy's JSON file log; Envoy writes "-" or null for a missing value."""
    value = line.get(key)
    if value is None or value == "-":
        return ""
    return str(value)


def _number(line: Mapping[str, object], key: str, missing: int = 0) -> int:
    value = _text(line, key)
    try:
        return int(float(value)) if value else missing
    except ValueError:
        return missing


def file_row_values(
    line: Mapping[str, object], hide_path: Callable[[str], str] = mask_identifiers
) -> dict[str, object] | None:
    """The row values of one line of Envoy's JSON file access log; None when it is unusable."""
    request_id = _text(line, "request_id")
    started = _text(line, "time")
    if not request_id or not started:
        return None
    try:
        started_at = datetime.fromisoformat(started.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return None
    upstream_host = _text(line, "upstream_host")
    return {
        "request_id": request_id[:64],
        "trace_id": _trace_id(_text(line, "traceparent")),
        "started_at": started_at,
        "channel_id": _text(line, "channel_id")[:64],
        "channel_code": _text(line, "channel_code")[:64],
        "api_code": _text(line, "api")[:128],
        "method": (_text(line, "method") or "OTHER")[:16],
        "path": hide_path(_text(line, "path"))[:1024],
        "upstream_cluster": "",
        "upstream_host": upstream_host[:128],
        "status": _number(line, "status"),
        "response_flags": _text(line, "flags")[:128],
        "response_code_details": _text(line, "details")[:128],
        "duration_ms": _number(line, "duration_ms"),
        "upstream_ms": _number(line, "upstream_ms", -1),
        "bytes_received": _number(line, "bytes_received"),
        "bytes_sent": _number(line, "bytes_sent"),
        "client_ip": _text(line, "client")[:64],
        "user_agent": mask_identifiers(_text(line, "user_agent"))[:256],
        "edge_node_id": "",
    }
