// Display helpers of the service configuration pages (module 16). The gateway writes a
// google.protobuf.Duration as a string of seconds ("1.500s") and leaves out default values.

const PROTOCOL_LABELS = {
  UPSTREAM_PROTOCOL_HTTP1: 'HTTP/1.1',
  UPSTREAM_PROTOCOL_HTTP2: 'HTTP/2',
  UPSTREAM_PROTOCOL_GRPC: 'gRPC',
}

export const API_SERVICE_STATUS_TAGS = {
  API_SERVICE_STATUS_DRAFT: 'info',
  API_SERVICE_STATUS_PUBLISHED: 'success',
  API_SERVICE_STATUS_DEPRECATED: 'warning',
  API_SERVICE_STATUS_OFFLINE: 'danger',
}

export function protocolLabel(protocol) {
  return PROTOCOL_LABELS[protocol] ?? (protocol || PROTOCOL_LABELS.UPSTREAM_PROTOCOL_HTTP1)
}

/** "GET" for HTTP_METHOD_GET. */
export function methodLabel(method) {
  return (method ?? '').replace(/^HTTP_METHOD_/, '') || '—'
}

/** A Duration as whole milliseconds; 0 when absent. */
export function durationMs(duration) {
  if (!duration) return 0
  const seconds = Number.parseFloat(String(duration).replace(/s$/, ''))
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0
}

/** Milliseconds as a Duration; undefined (the server's default) when not positive. */
export function msDuration(ms) {
  const value = Number(ms)
  return value > 0 ? `${(value / 1000).toFixed(3)}s` : undefined
}

/** The API categories the registry accepts (services/registry/domain.py CATEGORIES). */
export const API_CATEGORIES = ['appointment', 'outpatient_payment', 'report', 'inpatient', 'patient', 'master_data', 'payment', 'other']
