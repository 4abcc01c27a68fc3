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
