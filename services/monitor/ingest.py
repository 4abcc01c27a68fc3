"""Turning Envoy's access-log entries into rows, patient identifiers masked first."""

from __future__ import annotations

from datetime import UTC, datetime

from envoy.data.accesslog.v3 import accesslog_pb2

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


def response_flags(flags: accesslog_pb2.ResponseFlags) -> str:
    names = [short for field, short in _FLAG_NAMES.items() if getattr(flags, field, False)]
    if flags.HasField("unauthorized_details"):
        names.append("UAEX")
    return ",".join(names)


def _millis(duration: object) -> int:
    seconds = getattr(duration, "seconds", 0)
    nanos = getattr(duration, "nanos", 0)
    return int(seconds * 1000 + nanos // 1_000_000)


def row_values(entry: accesslog_pb2.HTTPAccessLogEntry) -> dict[str, object]:
    """The column values of one access-log row."""
    common = entry.common_properties
    request = entry.request
    headers = request.request_headers
    started = common.start_time.ToDatetime(tzinfo=UTC) if common.HasField("start_time") else None
    total = common.time_to_last_downstream_tx_byte
    upstream_ms = (
        _millis(common.time_to_last_upstream_rx_byte)
        if common.HasField("time_to_last_upstream_rx_byte")
        else -1
    )
    client = common.downstream_remote_address.socket_address.address
    return {
        "request_id": request.request_id[:64],
        "started_at": started or datetime.now(UTC),
        "channel_id": headers.get("x-wailian-channel-id", "")[:64],
        "channel_code": headers.get("x-wailian-channel-code", "")[:64],
        "api_code": common.route_name[:128],
        "method": _METHODS.get(request.request_method, "OTHER")[:16],
        "path": mask_identifiers(request.path)[:1024],
        "upstream_cluster": common.upstream_cluster[:128],
        "status": entry.response.response_code.value,
        "response_flags": response_flags(common.response_flags)[:128],
        "duration_ms": _millis(total),
        "upstream_ms": upstream_ms,
        "bytes_received": request.request_headers_bytes + request.request_body_bytes,
        "bytes_sent": entry.response.response_headers_bytes + entry.response.response_body_bytes,
        "client_ip": client[:64],
        "user_agent": mask_identifiers(request.user_agent)[:256],
    }
