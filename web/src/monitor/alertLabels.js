// How alert enums look in the console: tag colours and the unit of each rule kind's threshold.

const SEVERITY_TAGS = {
  ALERT_SEVERITY_CRITICAL: 'danger',
  ALERT_SEVERITY_WARNING: 'warning',
  ALERT_SEVERITY_INFO: 'info',
}

export const severityTag = (severity) => SEVERITY_TAGS[severity] ?? 'info'

// The unit of the threshold per rule kind (see AlertRuleKind in alerts.proto); '' for kinds
// that have none (a down upstream is down).
const THRESHOLD_UNITS = {
  ALERT_RULE_KIND_ERROR_RATE: 'percent',
  ALERT_RULE_KIND_LATENCY_PERCENTILE: 'milliseconds',
  ALERT_RULE_KIND_TRAFFIC_DROP: 'percent',
  ALERT_RULE_KIND_TRAFFIC_SPIKE: 'percent',
  ALERT_RULE_KIND_CHANNEL_QUOTA: 'percent',
  ALERT_RULE_KIND_CREDENTIAL_EXPIRY: 'days',
  ALERT_RULE_KIND_CERTIFICATE_EXPIRY: 'days',
  ALERT_RULE_KIND_DATABASE_USAGE: 'percent',
  ALERT_RULE_KIND_DISK_USAGE: 'percent',
  ALERT_RULE_KIND_INGEST_LAG: 'seconds',
  ALERT_RULE_KIND_RECONCILIATION_DISCREPANCY: 'percent',
}

// Where a new rule's threshold starts, per kind, in the kind's unit.
export const DEFAULT_THRESHOLDS = {
  ALERT_RULE_KIND_ERROR_RATE: 5,
  ALERT_RULE_KIND_LATENCY_PERCENTILE: 2000,
  ALERT_RULE_KIND_TRAFFIC_DROP: 80,
  ALERT_RULE_KIND_TRAFFIC_SPIKE: 200,
  ALERT_RULE_KIND_CHANNEL_QUOTA: 90,
  ALERT_RULE_KIND_CREDENTIAL_EXPIRY: 30,
  ALERT_RULE_KIND_CERTIFICATE_EXPIRY: 30,
  ALERT_RULE_KIND_DATABASE_USAGE: 85,
  ALERT_RULE_KIND_DISK_USAGE: 85,
  ALERT_RULE_KIND_INGEST_LAG: 300,
  ALERT_RULE_KIND_RECONCILIATION_DISCREPANCY: 1,
}

export const thresholdUnit = (kind) => THRESHOLD_UNITS[kind] ?? ''

// Kinds computed from the call rollups: they have a window, and rate kinds a minimum of calls.
export const TRAFFIC_KINDS = [
  'ALERT_RULE_KIND_ERROR_RATE',
  'ALERT_RULE_KIND_LATENCY_PERCENTILE',
  'ALERT_RULE_KIND_TRAFFIC_DROP',
  'ALERT_RULE_KIND_TRAFFIC_SPIKE',
]

export const LATENCY_PERCENTILES = [50, 95, 99]
