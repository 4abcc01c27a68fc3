// The header's alert badge: unread count and firing alerts, polled while someone who may read
// alerts is signed in. Pages that change what is read or acknowledged call `refreshAlertSummary`
// so the badge follows at once instead of at the next poll.

import { reactive } from 'vue'
import { getAlertSummary } from './api.js'

export const POLL_MILLISECONDS = 10000

export const alertSummary = reactive({
  loaded: false,
  unreadCount: 0,
  firingCritical: 0,
  firingWarning: 0,
  firingInfo: 0,
  unacknowledged: 0,
})

let timer = null
let latestRequest = 0

export async function refreshAlertSummary() {
  const request = ++latestRequest
  try {
    const answer = (await getAlertSummary()) ?? {}
    if (request !== latestRequest) return
    Object.assign(alertSummary, {
      loaded: true,
      unreadCount: Number(answer.unreadCount ?? 0),
      firingCritical: Number(answer.firingCritical ?? 0),
      firingWarning: Number(answer.firingWarning ?? 0),
      firingInfo: Number(answer.firingInfo ?? 0),
      unacknowledged: Number(answer.unacknowledged ?? 0),
    })
  } catch {
    // The badge keeps its last figures; the next poll tries again.
  }
}

/** Starts polling (once); the first answer is asked for at once. */
export function startAlertPolling() {
  if (timer !== null) return
  refreshAlertSummary()
  timer = setInterval(() => {
    if (document.visibilityState !== 'hidden') refreshAlertSummary()
  }, POLL_MILLISECONDS)
}

export function stopAlertPolling() {
  if (timer !== null) clearInterval(timer)
  timer = null
  latestRequest++
  alertSummary.loaded = false
}
