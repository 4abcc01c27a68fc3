// How maintenance records look in the console: tag colours, the actions each status allows
// (as services/monitor/maintenance.py's flow), and service-level times as text.

const SEVERITY_TAGS = {
  MAINTENANCE_SEVERITY_CRITICAL: 'danger',
  MAINTENANCE_SEVERITY_HIGH: 'warning',
  MAINTENANCE_SEVERITY_MEDIUM: 'primary',
  MAINTENANCE_SEVERITY_LOW: 'info',
}

const STATUS_TAGS = {
  MAINTENANCE_STATUS_OPEN: 'danger',
  MAINTENANCE_STATUS_IN_PROGRESS: 'warning',
  MAINTENANCE_STATUS_RESOLVED: 'primary',
  MAINTENANCE_STATUS_CLOSED: 'success',
  MAINTENANCE_STATUS_CANCELLED: 'info',
}

export const maintenanceSeverityTag = (severity) => SEVERITY_TAGS[severity] ?? 'info'
export const maintenanceStatusTag = (status) => STATUS_TAGS[status] ?? 'info'

/** `MAINTENANCE_STATUS_IN_PROGRESS` → `in-progress`, for data attributes. */
export const statusKey = (status) => (status ?? '').replace('MAINTENANCE_STATUS_', '').toLowerCase().replaceAll('_', '-')

// The statuses each action starts from.
const FLOW = {
  acknowledge: ['MAINTENANCE_STATUS_OPEN'],
  resolve: ['MAINTENANCE_STATUS_OPEN', 'MAINTENANCE_STATUS_IN_PROGRESS'],
  close: ['MAINTENANCE_STATUS_RESOLVED'],
  reopen: ['MAINTENANCE_STATUS_RESOLVED', 'MAINTENANCE_STATUS_CLOSED'],
  cancel: ['MAINTENANCE_STATUS_OPEN', 'MAINTENANCE_STATUS_IN_PROGRESS', 'MAINTENANCE_STATUS_RESOLVED'],
}

export const actionAllowed = (action, status) => (FLOW[action] ?? []).includes(status)

/** A google.protobuf.Duration in JSON (`"-90s"`, `"1800.5s"`) as whole seconds. */
export function durationSeconds(value) {
  if (value === undefined || value === null || value === '') return null
  const seconds = Number.parseFloat(String(value))
  return Number.isNaN(seconds) ? null : Math.trunc(seconds)
}

/** Seconds as `2 天 3 小时`, `45 分钟`; the sign is left to the caller. */
export function durationText(seconds, t) {
  const total = Math.abs(seconds)
  const days = Math.floor(total / 86400)
  const hours = Math.floor((total % 86400) / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const parts = []
  if (days) parts.push(t('maintenance.unit.days', { n: days }))
  if (hours) parts.push(t('maintenance.unit.hours', { n: hours }))
  if (minutes || parts.length === 0) parts.push(t('maintenance.unit.minutes', { n: minutes }))
  return parts.join(' ')
}
