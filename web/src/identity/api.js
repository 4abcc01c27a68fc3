// Identity service: console sessions of hospital staff (module 11).
import { http } from '../api/http.js'

/**
 * Signs in; answers `{accessToken, tokenType, expiresIn, user, passwordChangeRequired,
 * totpEnrollmentRequired}`. A wrong password or two-factor code is a 401; a user with two
 * factors who sent no code gets a 400 whose field violation names `totp_code`.
 */
export function login(username, password, totpCode = '') {
  return http.post('/api/identity/v1/sessions:login', { username, password, totpCode }, { auth: false })
}

/** True when a sign-in was refused only because the user's two-factor code is missing. */
export function asksForTotpCode(error) {
  return error?.status === 400 && (error.fieldViolations ?? []).some((v) => v.field === 'totp_code' || v.field === 'totpCode')
}

/** The signed-in staff member: `{user}`, with `user.totpEnabled`. */
export function getCurrentUser() {
  return http.get('/api/identity/v1/sessions/current')
}

const enc = encodeURIComponent

export const USER_STATUS_FILTERS = [
  'USER_STATUS_FILTER_ACTIVE',
  'USER_STATUS_FILTER_DISABLED',
  'USER_STATUS_FILTER_LOCKED',
  'USER_STATUS_FILTER_PASSWORD_EXPIRED',
]

export const USER_KINDS = ['USER_KIND_STAFF', 'USER_KIND_DEVELOPER', 'USER_KIND_SERVICE']

/** One page of users: `{users, nextPageToken, totalSize}`. */
export function listUsers({ pageSize = 20, pageToken = '', query = '', role = '', kind = '', status = '' } = {}) {
  return http.get('/api/identity/v1/users', { pageSize, pageToken, query, role, kind, status })
}

/** Creates a user; answers `{user, temporaryPassword}` — the password is shown only once. */
export function createUser(user) {
  return http.post('/api/identity/v1/users', { user })
}

/** Changes the named fields of a user (`updateMask` lists them in lowerCamelCase). */
export function updateUser(userId, user, fields) {
  return http.patch(`/api/identity/v1/users/${enc(userId)}?updateMask=${enc(fields.join(','))}`, user)
}

export function deleteUser(userId) {
  return http.delete(`/api/identity/v1/users/${enc(userId)}`)
}

export function enableUser(userId) {
  return http.post(`/api/identity/v1/users/${enc(userId)}:enable`, {})
}

export function disableUser(userId, reason = '') {
  return http.post(`/api/identity/v1/users/${enc(userId)}:disable`, { reason })
}

/** Answers `{temporaryPassword}`, shown only once. */
export function resetUserPassword(userId) {
  return http.post(`/api/identity/v1/users/${enc(userId)}:resetPassword`, {})
}

export function unlockUser(userId) {
  return http.post(`/api/identity/v1/users/${enc(userId)}:unlock`, {})
}

/** One page of roles: `{roles, nextPageToken, totalSize}`. */
export function listRoles({ pageSize = 100, pageToken = '', query = '' } = {}) {
  return http.get('/api/identity/v1/roles', { pageSize, pageToken, query })
}

/** The permission tree: `{groups: [{module, displayName, permissions: [{name, description}]}]}`. */
export function listPermissions() {
  return http.get('/api/identity/v1/permissions')
}

export function createRole(role) {
  return http.post('/api/identity/v1/roles', role)
}

export function updateRole(roleId, role, fields) {
  return http.patch(`/api/identity/v1/roles/${enc(roleId)}?updateMask=${enc(fields.join(','))}`, role)
}

export function deleteRole(roleId) {
  return http.delete(`/api/identity/v1/roles/${enc(roleId)}`)
}

/** Changes the signed-in user's password; answers a fresh `{accessToken, expiresIn}`. */
export function changePassword(currentPassword, newPassword) {
  return http.post('/api/identity/v1/sessions/current:changePassword', { currentPassword, newPassword })
}

/** Starts two-factor enrolment after re-checking the password; answers `{secret, otpauthUri}`. */
export function startTotpEnrollment(currentPassword) {
  return http.post('/api/identity/v1/sessions/current/totp:start', { currentPassword })
}

/** Turns two factors on with a current code; answers `{recoveryCodes}`, shown only once. */
export function confirmTotpEnrollment(totpCode) {
  return http.post('/api/identity/v1/sessions/current/totp:confirm', { totpCode })
}

/** Turns one's own two factors off; refused while a role one holds requires them. */
export function disableTotp(currentPassword, totpCode) {
  return http.post('/api/identity/v1/sessions/current/totp:disable', { currentPassword, totpCode })
}

export const CHANNEL_TYPES = [
  'CHANNEL_TYPE_WECHAT_OFFICIAL_ACCOUNT',
  'CHANNEL_TYPE_WECHAT_MINI_PROGRAM',
  'CHANNEL_TYPE_ALIPAY',
  'CHANNEL_TYPE_HOSPITAL_APP',
  'CHANNEL_TYPE_SELF_SERVICE_KIOSK',
  'CHANNEL_TYPE_THIRD_PARTY_VENDOR',
  'CHANNEL_TYPE_INTERNAL_SYSTEM',
  'CHANNEL_TYPE_REGIONAL_PLATFORM',
]

export const CHANNEL_STATUSES = ['CHANNEL_STATUS_ACTIVE', 'CHANNEL_STATUS_DISABLED']

/** One page of channels: `{channels, nextPageToken, totalSize}`. */
export function listChannels({ pageSize = 20, pageToken = '', query = '', type = '', status = '' } = {}) {
  return http.get('/api/identity/v1/channels', { pageSize, pageToken, query, type, status })
}

export function createChannel(channel) {
  return http.post('/api/identity/v1/channels', channel)
}

export function getChannel(channelId) {
  return http.get(`/api/identity/v1/channels/${enc(channelId)}`)
}

/** What UpdateChannel may change (the code is permanent; the status has its own calls). */
export const CHANNEL_EDITABLE_FIELDS = [
  'name',
  'type',
  'owner',
  'contactName',
  'contactPhone',
  'contactEmail',
  'ipAllowList',
  'rateLimitPerSecond',
  'dailyQuota',
  'description',
  'sandbox',
  'vendorUserIds',
]

/** Changes the named fields of a channel; answers `{channel}`. */
export function updateChannel(channelId, channel, fields = CHANNEL_EDITABLE_FIELDS) {
  return http.patch(`/api/identity/v1/channels/${enc(channelId)}?updateMask=${enc(fields.join(','))}`, channel)
}

/** Soft delete: the channel leaves every list and its credentials are revoked. */
export function deleteChannel(channelId) {
  return http.delete(`/api/identity/v1/channels/${enc(channelId)}`)
}

export function enableChannel(channelId) {
  return http.post(`/api/identity/v1/channels/${enc(channelId)}:enable`, {})
}

/** The reason is shown to the channel's vendor in the developer center. */
export function disableChannel(channelId, reason) {
  return http.post(`/api/identity/v1/channels/${enc(channelId)}:disable`, { reason })
}

export const CREDENTIAL_KINDS = ['CREDENTIAL_KIND_TOKEN', 'CREDENTIAL_KIND_SIGNATURE', 'CREDENTIAL_KIND_MUTUAL_TLS']

/** `{credentials, nextPageToken}` of one channel; secrets are never listed. */
export function listChannelCredentials(channelId) {
  return http.get(`/api/identity/v1/channels/${enc(channelId)}/credentials`, { pageSize: 100 })
}

/**
 * Issues a credential; answers `{credential, clientSecret}` for a token or signature, and
 * `{credential, clientCertificatePem, privateKeyPem, caCertificatePem}` for mutual TLS (the
 * private key only when the platform generated it, i.e. no CSR was given). Shown only once.
 */
export function createChannelCredential(
  channelId,
  { kind = 'CREDENTIAL_KIND_TOKEN', validDays = 0, description = '', certificateSigningRequest = '' } = {},
) {
  return http.post(`/api/identity/v1/channels/${enc(channelId)}/credentials`, {
    kind,
    validDays,
    description,
    certificateSigningRequest,
  })
}

/**
 * Issues the successor of a token or signature credential; the old one keeps working for
 * `overlapHours`. Answers `{credential, clientSecret, previousCredential}`.
 */
export function rotateChannelCredential(channelId, credentialId, { overlapHours = 24, validDays = 0 } = {}) {
  return http.post(`/api/identity/v1/channels/${enc(channelId)}/credentials/${enc(credentialId)}:rotate`, {
    overlap: `${Math.round(overlapHours * 3600)}s`,
    validDays,
  })
}

/** Answers `{credential}`; a revoked credential never comes back. */
export function revokeChannelCredential(channelId, credentialId, reason) {
  return http.post(`/api/identity/v1/channels/${enc(channelId)}/credentials/${enc(credentialId)}:revoke`, { reason })
}

/** The client certificate of a mutual TLS credential, as PEM text (never its private key). */
export function downloadChannelCertificate(channelId, credentialId) {
  return http.getText(`/api/identity/v1/channels/${enc(channelId)}/credentials/${enc(credentialId)}/certificate`)
}

/** The platform CA that signs client certificates: `{caCertificatePem, subject, fingerprint, expireTime}`. */
export function getCertificateAuthority() {
  return http.get('/api/identity/v1/certificate-authority')
}

export const AUDIT_RESULTS = ['AUDIT_RESULT_SUCCESS', 'AUDIT_RESULT_FAILURE', 'AUDIT_RESULT_DENIED']

/** One page of the audit trail, newest first: `{auditRecords, nextPageToken, totalSize}`. Needs audit_admin. */
export function listAuditRecords({ pageSize = 20, pageToken = '', filter = {} } = {}) {
  const query = { pageSize, pageToken }
  for (const [name, value] of Object.entries(filter)) {
    if (value) query[`filter.${name}`] = value
  }
  return http.get('/api/identity/v1/audit-records', query)
}

/** Checks the hash chain: `{verifiedRecords, intact, firstBrokenSequence, message}`. */
export function verifyAuditChain() {
  return http.post('/api/identity/v1/audit-records:verify', {})
}

/** Every platform setting: `{settings: [{key, group, displayName, type, value, defaultValue, constraints, unit, revision}]}`. */
export function listSettings() {
  return http.get('/api/identity/v1/settings', { pageSize: 200 })
}

/** Sets one value; a stale `expectedRevision` is refused, so two editors cannot overwrite each other. */
export function updateSetting(key, value, expectedRevision, comment = '') {
  return http.patch(`/api/identity/v1/settings/${enc(key)}`, { value, expectedRevision, comment })
}

export function resetSetting(key, comment = '') {
  return http.post(`/api/identity/v1/settings/${enc(key)}:reset`, { comment })
}
