// Names and tag colours of inspection grades, targets and report states; the i18n keys
// follow the enum names without their prefix, in lower camel case ("INSPECTION_GRADE_OK" → "ok").

/** An enum value's name without `prefix`, as an i18n key: "REPORT_KIND_OPERATIONS_ANALYSIS" → "operationsAnalysis". */
export function enumKey(value, prefix) {
  const rest = String(value ?? '').startsWith(prefix) ? String(value).slice(prefix.length) : ''
  return rest.toLowerCase().replace(/_([a-z])/g, (_, letter) => letter.toUpperCase())
}

/** "ok", "warning", "risk", or "unknown" for a finding that could not be observed. */
export function gradeKey(grade) {
  return enumKey(grade, 'INSPECTION_GRADE_') || 'unknown'
}

const GRADE_TAGS = { ok: 'success', warning: 'warning', risk: 'danger', unknown: 'info' }

export function gradeTag(grade) {
  return GRADE_TAGS[gradeKey(grade)] ?? 'info'
}

export function targetKey(target) {
  return enumKey(target, 'INSPECTION_TARGET_') || 'unknown'
}

export function statusKey(status, prefix) {
  return enumKey(status, prefix) || 'unknown'
}

const STATUS_TAGS = { running: 'primary', generating: 'primary', completed: 'success', ready: 'success', failed: 'danger' }

export function statusTag(key) {
  return STATUS_TAGS[key] ?? 'info'
}
