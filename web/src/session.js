// The signed-in staff member, kept in sessionStorage so that it ends with the browser tab.

import { reactive } from 'vue'

const STORAGE_KEY = 'wailian.session'

function emptySession() {
  return { accessToken: '', expiresAt: 0, user: null, passwordChangeRequired: false, totpEnrollmentRequired: false }
}

function restore() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null')
    if (stored?.accessToken && stored.expiresAt > Date.now()) return stored
  } catch {
    // An unreadable entry is treated as no session.
  }
  sessionStorage.removeItem(STORAGE_KEY)
  return emptySession()
}

export const session = reactive(restore())

/** Stores the answer of `sessions:login`. */
export function signIn(loginResponse) {
  const expiresInSeconds = Number(loginResponse.expiresIn ?? 0) || 900
  Object.assign(session, {
    accessToken: loginResponse.accessToken,
    expiresAt: Date.now() + expiresInSeconds * 1000,
    user: loginResponse.user ?? null,
    // Until the password is changed the token only lets its holder change it.
    passwordChangeRequired: Boolean(loginResponse.passwordChangeRequired),
    // A role requires two factors the user has not set up: the token only allows enrolment.
    totpEnrollmentRequired: Boolean(loginResponse.totpEnrollmentRequired),
  })
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session))
}

/** Stores the fresh token that `changePassword` answers; the password restriction is lifted. */
export function passwordChanged(changeResponse) {
  const expiresInSeconds = Number(changeResponse.expiresIn ?? 0) || 900
  Object.assign(session, {
    accessToken: changeResponse.accessToken || session.accessToken,
    expiresAt: changeResponse.accessToken ? Date.now() + expiresInSeconds * 1000 : session.expiresAt,
    passwordChangeRequired: false,
  })
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session))
}

export function signOut() {
  Object.assign(session, emptySession())
  sessionStorage.removeItem(STORAGE_KEY)
}

export function isSignedIn() {
  return Boolean(session.accessToken) && session.expiresAt > Date.now()
}

/** Whether the signed-in user's roles grant `permission` (as the protos name it). */
export function hasPermission(permission) {
  return (session.user?.permissions ?? []).includes(permission)
}
