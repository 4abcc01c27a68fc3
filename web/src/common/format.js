// Display helpers shared by pages. The gateway sends int64 values as JSON strings and
// leaves out fields that hold their default value.

/** An int64 JSON value (string, number or absent) as a BigInt; absent means 0. */
export function toCount(value) {
  if (value === undefined || value === null || value === '') return 0n
  return BigInt(value)
}

export function formatCount(count, locale) {
  return new Intl.NumberFormat(locale).format(count)
}

/** `part` as a percentage of `whole`, or '' when there is no whole to share. */
export function formatShare(part, whole, locale) {
  if (whole === 0n) return ''
  const ratio = Number(part) / Number(whole)
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio)
}

/** An RFC 3339 timestamp in the browser's time zone, as `2026-11-30 08:05:09`. */
export function formatTime(timestamp) {
  if (!timestamp) return ''
  const time = new Date(timestamp)
  if (Number.isNaN(time.getTime())) return timestamp
  const pad = (n) => String(n).padStart(2, '0')
  return (
    `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ` +
    `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}`
  )
}
