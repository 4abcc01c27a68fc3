// Monitor service: traffic analytics fed by the edge's access log (modules 1-10, 20-23).
import { http } from '../api/http.js'

/** Today's key indicators; int64 counts arrive as strings and absent ones are 0. */
export function getTrafficOverview() {
  return http.get('/api/monitor/v1/traffic/overview')
}

export const CALL_OUTCOMES = ['CALL_OUTCOME_SUCCESS', 'CALL_OUTCOME_CLIENT_ERROR', 'CALL_OUTCOME_SERVER_ERROR']

/**
 * One page of access log entries, newest first: `{entries, nextPageToken, totalSize}`.
 * Paging is keyset: `pageToken` is the `nextPageToken` of the page before.
 * `filter` holds AccessLogFilter fields; empty ones are left out.
 */
export function listAccessLogs({ pageSize = 50, pageToken = '', filter = {}, includeTotalSize = false } = {}) {
  const query = { pageSize, pageToken, includeTotalSize: includeTotalSize || undefined }
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '' || value === 0) continue
    query[`filter.${name}`] = value
  }
  return http.get('/api/monitor/v1/access-logs', query)
}

/** One entry by its request id: `{entry, traceUrl}`. */
export function getAccessLog(requestId) {
  return http.get(`/api/monitor/v1/access-logs/${encodeURIComponent(requestId)}`)
}

export const GRANULARITIES = ['GRANULARITY_HOUR', 'GRANULARITY_DAY', 'GRANULARITY_MONTH']

// UsageFilter fields as query parameters; an absent time range is "today" on the server.
function usageQuery({ startTime = '', endTime = '' } = {}) {
  return { 'filter.timeRange.startTime': startTime, 'filter.timeRange.endTime': endTime }
}

/** Calls per API service: `{rows: [{apiServiceCode, metrics, topChannels}], totals, nextPageToken, totalSize}`. */
export function listServiceUsage({ pageSize = 50, pageToken = '', timeRange } = {}) {
  return http.get('/api/monitor/v1/statistics/service-usage', { pageSize, pageToken, ...usageQuery(timeRange) })
}

/** Calls per channel: `{rows: [{channelId, channelCode, metrics, topServices}], totals, nextPageToken, totalSize}`. */
export function listChannelAccess({ pageSize = 50, pageToken = '', timeRange } = {}) {
  return http.get('/api/monitor/v1/statistics/channel-access', { pageSize, pageToken, ...usageQuery(timeRange) })
}

/** `{points: [{time, metrics}]}`, one point per `granularity` step of the range. */
export function getUsageTrend({ timeRange, granularity = 'GRANULARITY_HOUR' } = {}) {
  return http.get('/api/monitor/v1/statistics/trend', { granularity, ...usageQuery(timeRange) })
}

/**
 * Traffic per time step: `{points: [{time, calls, failedCalls, requestsPerSecond, errorRate,
 * p50LatencyMs, p95LatencyMs, p99LatencyMs}], step}`. The step follows the range when unset.
 */
export function getTrafficSeries({ startTime = '', endTime = '', step = '' } = {}) {
  return http.get('/api/monitor/v1/traffic/series', {
    'timeRange.startTime': startTime,
    'timeRange.endTime': endTime,
    step,
  })
}

/** Channels ranked by `metric` over the range: `{channels: [{channelCode, calls, failedCalls, ...}]}`. */
export function listTopChannels({ metric = 'RANK_METRIC_CALLS', startTime = '', endTime = '', limit = 5 } = {}) {
  return http.get('/api/monitor/v1/traffic/top-channels', {
    metric,
    limit,
    'timeRange.startTime': startTime,
    'timeRange.endTime': endTime,
  })
}

// Alerts (module 24): rules, the inbox, silences. Enums travel as their names, durations as
// "300s", int64 values as strings.

export const ALERT_RULE_KINDS = [
  'ALERT_RULE_KIND_ERROR_RATE',
  'ALERT_RULE_KIND_LATENCY_PERCENTILE',
  'ALERT_RULE_KIND_TRAFFIC_DROP',
  'ALERT_RULE_KIND_TRAFFIC_SPIKE',
  'ALERT_RULE_KIND_UPSTREAM_DOWN',
  'ALERT_RULE_KIND_SERVICE_DOWN',
  'ALERT_RULE_KIND_EDGE_OVERLOAD',
  'ALERT_RULE_KIND_CHANNEL_QUOTA',
  'ALERT_RULE_KIND_CREDENTIAL_EXPIRY',
  'ALERT_RULE_KIND_CERTIFICATE_EXPIRY',
  'ALERT_RULE_KIND_DATABASE_USAGE',
  'ALERT_RULE_KIND_DISK_USAGE',
  'ALERT_RULE_KIND_EDGE_CONFIG_REJECTED',
  'ALERT_RULE_KIND_INGEST_LAG',
  'ALERT_RULE_KIND_RECONCILIATION_DISCREPANCY',
]

export const ALERT_SEVERITIES = ['ALERT_SEVERITY_INFO', 'ALERT_SEVERITY_WARNING', 'ALERT_SEVERITY_CRITICAL']

export const ALERT_STATUSES = ['ALERT_STATUS_FIRING', 'ALERT_STATUS_RESOLVED']

/** A protobuf Duration in JSON ("300s", "1.5s") as whole seconds; absent is 0. */
export function durationSeconds(value) {
  if (!value) return 0
  return Math.round(Number(String(value).replace(/s$/, '')) || 0)
}

export function listAlertRules({ pageSize = 100, pageToken = '', kind = '', query = '' } = {}) {
  return http.get('/api/monitor/v1/alert-rules', { pageSize, pageToken, kind, query })
}

export function createAlertRule(alertRule) {
  return http.post('/api/monitor/v1/alert-rules', alertRule)
}

/** `updateMask` lists the camelCase fields to change; all writable fields when empty. */
export function updateAlertRule(alertRuleId, alertRule, updateMask = []) {
  const query = updateMask.length ? `?updateMask=${encodeURIComponent(updateMask.join(','))}` : ''
  return http.patch(`/api/monitor/v1/alert-rules/${encodeURIComponent(alertRuleId)}${query}`, alertRule)
}

export function deleteAlertRule(alertRuleId) {
  return http.delete(`/api/monitor/v1/alert-rules/${encodeURIComponent(alertRuleId)}`)
}

/** The rule's value per subject now, without firing: `{evaluations: [{labels, value, breached}], evaluationTime}`. */
export function evaluateAlertRule(alertRuleId) {
  return http.post(`/api/monitor/v1/alert-rules/${encodeURIComponent(alertRuleId)}:evaluate`, {})
}

/** The inbox, newest first: `{alerts, nextPageToken, totalSize}`. */
export function listAlerts({ pageSize = 20, pageToken = '', status = '', minSeverity = '', unreadOnly = false, unacknowledgedOnly = false, alertRuleId = '' } = {}) {
  return http.get('/api/monitor/v1/alerts', {
    pageSize,
    pageToken,
    status,
    minSeverity,
    alertRuleId,
    unreadOnly: unreadOnly || undefined,
    unacknowledgedOnly: unacknowledgedOnly || undefined,
  })
}

export function getAlert(alertId) {
  return http.get(`/api/monitor/v1/alerts/${encodeURIComponent(alertId)}`)
}

export function acknowledgeAlert(alertId, comment = '') {
  return http.post(`/api/monitor/v1/alerts/${encodeURIComponent(alertId)}:acknowledge`, { comment })
}

/** `{unreadCount}` after marking `alertIds` (or every alert, with `all`) read for the caller. */
export function markAlertsRead({ alertIds = [], all = false } = {}) {
  return http.post('/api/monitor/v1/alerts:markRead', all ? { all: true } : { alertIds })
}

/** `{unreadCount, firingCritical, firingWarning, firingInfo, unacknowledged}`; absent ones are 0. */
export function getAlertSummary() {
  return http.get('/api/monitor/v1/alert-summary')
}

export function createSilence(silence) {
  return http.post('/api/monitor/v1/silences', silence)
}

export function listSilences({ pageSize = 50, pageToken = '', currentOnly = false } = {}) {
  return http.get('/api/monitor/v1/silences', { pageSize, pageToken, currentOnly: currentOnly || undefined })
}

export function deleteSilence(silenceId) {
  return http.delete(`/api/monitor/v1/silences/${encodeURIComponent(silenceId)}`)
}

// Notification channels ("endpoints" in the API, not to be confused with external channels).

export const NOTIFICATION_ENDPOINT_TYPES = [
  'NOTIFICATION_ENDPOINT_TYPE_WEBHOOK',
  'NOTIFICATION_ENDPOINT_TYPE_EMAIL',
  'NOTIFICATION_ENDPOINT_TYPE_WECOM_ROBOT',
  'NOTIFICATION_ENDPOINT_TYPE_DINGTALK_ROBOT',
]

export const DELIVERY_STATUSES = [
  'DELIVERY_STATUS_PENDING',
  'DELIVERY_STATUS_SENT',
  'DELIVERY_STATUS_RETRYING',
  'DELIVERY_STATUS_FAILED',
  'DELIVERY_STATUS_SUPPRESSED',
]

export function listNotificationEndpoints({ pageSize = 100, pageToken = '', type = '' } = {}) {
  return http.get('/api/monitor/v1/notification-endpoints', { pageSize, pageToken, type })
}

export function createNotificationEndpoint(endpoint) {
  return http.post('/api/monitor/v1/notification-endpoints', endpoint)
}

export function updateNotificationEndpoint(endpointId, endpoint, updateMask = []) {
  const query = updateMask.length ? `?updateMask=${encodeURIComponent(updateMask.join(','))}` : ''
  return http.patch(`/api/monitor/v1/notification-endpoints/${encodeURIComponent(endpointId)}${query}`, endpoint)
}

export function deleteNotificationEndpoint(endpointId) {
  return http.delete(`/api/monitor/v1/notification-endpoints/${encodeURIComponent(endpointId)}`)
}

/** Sends a test message now: `{succeeded, responseStatus, responseBody, error, latency}`. */
export function testNotificationEndpoint(endpointId) {
  return http.post(`/api/monitor/v1/notification-endpoints/${encodeURIComponent(endpointId)}:test`, {})
}

export function listNotificationDeliveries({ pageSize = 20, pageToken = '', alertId = '', notificationEndpointId = '', status = '' } = {}) {
  return http.get('/api/monitor/v1/notification-deliveries', { pageSize, pageToken, alertId, notificationEndpointId, status })
}

export function retryNotificationDelivery(deliveryId) {
  return http.post(`/api/monitor/v1/notification-deliveries/${encodeURIComponent(deliveryId)}:retry`, {})
}

// Inspections (O1, O3, O4): run now or on a schedule; findings graded per check. A finding
// that could not be observed has no grade (INSPECTION_GRADE_UNSPECIFIED, shown as "unknown").

export const INSPECTION_TARGETS = [
  'INSPECTION_TARGET_DATABASE',
  'INSPECTION_TARGET_HOST',
  'INSPECTION_TARGET_SERVICES',
  'INSPECTION_TARGET_EDGE',
  'INSPECTION_TARGET_KUBERNETES',
]

export const INSPECTION_GRADES = ['INSPECTION_GRADE_OK', 'INSPECTION_GRADE_WARNING', 'INSPECTION_GRADE_RISK']

// A fresh key per click, so that a retried request starts one inspection or report, not two.
// getRandomValues, unlike randomUUID, also works on a console served over plain HTTP.
function newIdempotencyKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Starts an inspection and answers at once: `{inspection}` RUNNING; poll getInspection. */
export function runInspection({ targets = [], generateReport = false, idempotencyKey = newIdempotencyKey() } = {}) {
  return http.post('/api/monitor/v1/inspections', { targets, generateReport, idempotencyKey })
}

/** `{inspection}` with its findings. */
export function getInspection(inspectionId) {
  return http.get(`/api/monitor/v1/inspections/${encodeURIComponent(inspectionId)}`)
}

/** Newest first, without findings: `{inspections, nextPageToken, totalSize}`. */
export function listInspections({ pageSize = 20, pageToken = '', minGrade = '' } = {}) {
  return http.get('/api/monitor/v1/inspections', { pageSize, pageToken, minGrade })
}

export function listInspectionChecks({ target = '' } = {}) {
  return http.get('/api/monitor/v1/inspection-checks', { target })
}

/** Only enabled, warningThreshold, riskThreshold and recommendation can change. */
export function updateInspectionCheck(checkCode, inspectionCheck, updateMask = []) {
  const query = updateMask.length ? `?updateMask=${encodeURIComponent(updateMask.join(','))}` : ''
  return http.patch(`/api/monitor/v1/inspection-checks/${encodeURIComponent(checkCode)}${query}`, inspectionCheck)
}

export function getInspectionSchedule() {
  return http.get('/api/monitor/v1/inspection-schedule')
}

export function updateInspectionSchedule(inspectionSchedule, updateMask = []) {
  const query = updateMask.length ? `?updateMask=${encodeURIComponent(updateMask.join(','))}` : ''
  return http.patch(`/api/monitor/v1/inspection-schedule${query}`, inspectionSchedule)
}

// Reports (O8): generated in the background (poll until READY), kept, downloaded as HTML or PDF.

export const REPORT_KINDS = ['REPORT_KIND_INSPECTION', 'REPORT_KIND_OPERATIONS_ANALYSIS', 'REPORT_KIND_MAINTENANCE_SUMMARY']

export const REPORT_PERIODS = ['REPORT_PERIOD_MONTH', 'REPORT_PERIOD_QUARTER', 'REPORT_PERIOD_YEAR', 'REPORT_PERIOD_CUSTOM']

/**
 * Starts generating and answers at once: `{report}` GENERATING. Without a time range the
 * period is the last complete one; with `startTime` it is the period that moment falls in.
 */
export function generateReport({ kind, period = '', startTime = '', endTime = '', inspectionId = '', title = '', idempotencyKey = newIdempotencyKey() }) {
  const body = { kind, period: period || undefined, inspectionId, title, idempotencyKey }
  if (startTime || endTime) body.timeRange = { startTime: startTime || undefined, endTime: endTime || undefined }
  return http.post('/api/monitor/v1/reports', body)
}

export function getReport(reportId) {
  return http.get(`/api/monitor/v1/reports/${encodeURIComponent(reportId)}`)
}

/** Newest first: `{reports, nextPageToken, totalSize}`. */
export function listReports({ pageSize = 20, pageToken = '', kind = '' } = {}) {
  return http.get('/api/monitor/v1/reports', { pageSize, pageToken, kind })
}

export function deleteReport(reportId) {
  return http.delete(`/api/monitor/v1/reports/${encodeURIComponent(reportId)}`)
}

/** A ready report's file as a Blob; `format` is REPORT_FORMAT_HTML or REPORT_FORMAT_PDF. */
export function downloadReport(reportId, format = 'REPORT_FORMAT_PDF') {
  return http.getBlob(`/api/monitor/v1/reports/${encodeURIComponent(reportId)}:download`, { format })
}

export function getReportSchedule() {
  return http.get('/api/monitor/v1/report-schedule')
}

export function updateReportSchedule(reportSchedule, updateMask = []) {
  const query = updateMask.length ? `?updateMask=${encodeURIComponent(updateMask.join(','))}` : ''
  return http.patch(`/api/monitor/v1/report-schedule${query}`, reportSchedule)
}

// Maintenance records (O10, O11): faults, bugs, requirements, changes, data corrections and
// support requests with their history and contract service-level timers.

export const MAINTENANCE_KINDS = [
  'MAINTENANCE_KIND_FAULT',
  'MAINTENANCE_KIND_BUG',
  'MAINTENANCE_KIND_REQUIREMENT',
  'MAINTENANCE_KIND_CHANGE',
  'MAINTENANCE_KIND_DATA_CORRECTION',
  'MAINTENANCE_KIND_SUPPORT',
]

export const MAINTENANCE_SEVERITIES = [
  'MAINTENANCE_SEVERITY_LOW',
  'MAINTENANCE_SEVERITY_MEDIUM',
  'MAINTENANCE_SEVERITY_HIGH',
  'MAINTENANCE_SEVERITY_CRITICAL',
]

export const MAINTENANCE_STATUSES = [
  'MAINTENANCE_STATUS_OPEN',
  'MAINTENANCE_STATUS_IN_PROGRESS',
  'MAINTENANCE_STATUS_RESOLVED',
  'MAINTENANCE_STATUS_CLOSED',
  'MAINTENANCE_STATUS_CANCELLED',
]

const MAINTENANCE = '/api/monitor/v1/maintenance-records'
const recordPath = (id) => `${MAINTENANCE}/${encodeURIComponent(id)}`

// MaintenanceRecordFilter as query parameters; empty values are left out.
function maintenanceFilterQuery({ kind = '', status = '', minSeverity = '', assigneeUserId = '', breachedOnly = false, query = '', startTime = '', endTime = '', alertId = '' } = {}) {
  return {
    'filter.kinds': kind,
    'filter.statuses': status,
    'filter.minSeverity': minSeverity,
    'filter.assigneeUserId': assigneeUserId,
    'filter.breachedOnly': breachedOnly || undefined,
    'filter.query': query,
    'filter.alertId': alertId,
    'filter.reportTimeRange.startTime': startTime,
    'filter.reportTimeRange.endTime': endTime,
  }
}

/** One page, newest report first: `{maintenanceRecords, nextPageToken, totalSize}`. */
export function listMaintenanceRecords({ pageSize = 20, pageToken = '', filter = {}, orderBy = '' } = {}) {
  return http.get(MAINTENANCE, { pageSize, pageToken, orderBy, ...maintenanceFilterQuery(filter) })
}

export function getMaintenanceRecord(recordId) {
  return http.get(recordPath(recordId))
}

export function createMaintenanceRecord(maintenanceRecord) {
  return http.post(MAINTENANCE, maintenanceRecord)
}

/** Opens (or, for the same key, finds again) the fault record of an alert: `{maintenanceRecord}`. */
export function createMaintenanceRecordFromAlert(alertId, { idempotencyKey = `alert-${alertId}`, kind = '', severity = '' } = {}) {
  return http.post(`/api/monitor/v1/alerts/${encodeURIComponent(alertId)}:openMaintenanceRecord`, {
    idempotencyKey,
    kind: kind || undefined,
    severity: severity || undefined,
  })
}

export function updateMaintenanceRecord(recordId, maintenanceRecord, updateMask = []) {
  const query = updateMask.length ? `?updateMask=${encodeURIComponent(updateMask.join(','))}` : ''
  return http.patch(`${recordPath(recordId)}${query}`, maintenanceRecord)
}

/** A status action: `acknowledge`, `resolve`, `close`, `reopen`, `cancel` or `assign`. */
export function maintenanceAction(recordId, action, body = {}) {
  return http.post(`${recordPath(recordId)}:${action}`, body)
}

export function addMaintenanceComment(recordId, comment) {
  return http.post(`${recordPath(recordId)}/comments`, { comment })
}

/** The full history, oldest first: `{events, nextPageToken, totalSize}`. */
export function listMaintenanceEvents(recordId, { pageSize = 200, pageToken = '' } = {}) {
  return http.get(`${recordPath(recordId)}/events`, { pageSize, pageToken })
}

/** `content` is the file's base64 text. */
export function uploadMaintenanceAttachment(recordId, { fileName, contentType, content }) {
  return http.post(`${recordPath(recordId)}/attachments`, { file: { fileName, contentType, content } })
}

export function downloadMaintenanceAttachment(recordId, attachmentId) {
  return http.getBlob(`${recordPath(recordId)}/attachments/${encodeURIComponent(attachmentId)}`)
}

/** The filtered records as a file: `format` is EXPORT_FORMAT_CSV or EXPORT_FORMAT_XLSX. */
export function exportMaintenanceRecords({ filter = {}, format = 'EXPORT_FORMAT_XLSX', includeEvents = false } = {}) {
  return http.getBlob(`${MAINTENANCE}:export`, { format, includeEvents: includeEvents || undefined, ...maintenanceFilterQuery(filter) })
}

/** Counts and service-level compliance over a period (the current quarter when unset). */
export function summarizeMaintenanceRecords({ startTime = '', endTime = '' } = {}) {
  return http.get('/api/monitor/v1/maintenance-summary', { 'timeRange.startTime': startTime, 'timeRange.endTime': endTime })
}

export function getWorkingCalendar() {
  return http.get('/api/monitor/v1/working-calendar')
}

export function updateWorkingCalendar(workingCalendar, updateMask = []) {
  const query = updateMask.length ? `?updateMask=${encodeURIComponent(updateMask.join(','))}` : ''
  return http.patch(`/api/monitor/v1/working-calendar${query}`, workingCalendar)
}

export function listServiceLevelPolicies() {
  return http.get('/api/monitor/v1/service-level-policies')
}

export function updateServiceLevelPolicy(policyId, policy, updateMask = []) {
  const query = updateMask.length ? `?updateMask=${encodeURIComponent(updateMask.join(','))}` : ''
  return http.patch(`/api/monitor/v1/service-level-policies/${encodeURIComponent(policyId)}${query}`, policy)
}

// Notices about a vendor's own channels (quota nearly used, a credential about to expire).

export function listChannelNotices({ pageSize = 20, pageToken = '', unreadOnly = false, channelId = '' } = {}) {
  return http.get('/api/monitor/v1/channel-notices', { pageSize, pageToken, unreadOnly: unreadOnly || undefined, channelId })
}

/** `{unreadCount}` left after marking. */
export function markChannelNoticesRead({ channelNoticeIds = [], channelId = '' } = {}) {
  return http.post('/api/monitor/v1/channel-notices:markRead', { channelNoticeIds, channelId })
}

// Statistics and log exports (modules 21-23, O7): the current filter's rows as a file (a Blob);
// `format` is EXPORT_FORMAT_CSV or EXPORT_FORMAT_XLSX.

export function exportServiceUsage({ timeRange, format = 'EXPORT_FORMAT_XLSX' } = {}) {
  return http.getBlob('/api/monitor/v1/statistics/service-usage:export', { format, ...usageQuery(timeRange) })
}

export function exportChannelAccess({ timeRange, format = 'EXPORT_FORMAT_XLSX' } = {}) {
  return http.getBlob('/api/monitor/v1/statistics/channel-access:export', { format, ...usageQuery(timeRange) })
}

/** `filter` as for listAccessLogs. */
export function exportAccessLogs({ filter = {}, format = 'EXPORT_FORMAT_CSV' } = {}) {
  const query = { format }
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '' || value === 0) continue
    query[`filter.${name}`] = value
  }
  return http.getBlob('/api/monitor/v1/access-logs:export', query)
}

// The platform's live status for the monitoring center (module 20).

/** `{instances: [{service, address, servingStatus, ready, checkTime, error}]}`. */
export function listServiceStatuses() {
  return http.get('/api/monitor/v1/status/services')
}

/** `{instances: [{envoyVersion, state, downstreamConnections, activeOverloadActions, requestsPerSecond, reachable}]}`. */
export function getEdgeStatus() {
  return http.get('/api/monitor/v1/status/edge')
}

/** `{upstreams: [{upstream, endpoints, healthyEndpoints, ejectedEndpoints, errorRate, circuitOpen}]}`. */
export function listUpstreamStatuses({ pageSize = 200 } = {}) {
  return http.get('/api/monitor/v1/status/upstreams', { pageSize })
}

/** Entries received, stored, back-filled; queue, lag, rate; retention and the last purge. */
export function getIngestStatus() {
  return http.get('/api/monitor/v1/status/ingest')
}
