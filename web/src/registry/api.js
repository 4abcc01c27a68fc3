// Registry service: the catalog of API services and upstreams (module 16).
import { http } from '../api/http.js'

export const API_SERVICE_STATUSES = [
  'API_SERVICE_STATUS_DRAFT',
  'API_SERVICE_STATUS_PUBLISHED',
  'API_SERVICE_STATUS_DEPRECATED',
  'API_SERVICE_STATUS_OFFLINE',
]

/**
 * One page of API services: `{apiServices, nextPageToken, totalSize}`.
 * An empty `status` or `query` lists them all.
 */
export function listApiServices({ pageSize = 20, pageToken = '', query = '', status = '' } = {}) {
  return http.get('/api/registry/v1/api-services', { pageSize, pageToken, query, status })
}

const enc = encodeURIComponent

// A fresh key per click: a retried request is then answered once, not acted on twice.
// getRandomValues, unlike randomUUID, also works on a console served over plain HTTP.
function idempotencyKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

// Access applications and their review (modules 18, 19).

export const ACCESS_APPLICATION_STATUSES = [
  'ACCESS_APPLICATION_STATUS_DRAFT',
  'ACCESS_APPLICATION_STATUS_PENDING',
  'ACCESS_APPLICATION_STATUS_APPROVED',
  'ACCESS_APPLICATION_STATUS_REJECTED',
  'ACCESS_APPLICATION_STATUS_RETURNED',
  'ACCESS_APPLICATION_STATUS_WITHDRAWN',
]

/** Statuses in which the applicant may still change and submit an application. */
export const EDITABLE_APPLICATION_STATUSES = ['ACCESS_APPLICATION_STATUS_DRAFT', 'ACCESS_APPLICATION_STATUS_RETURNED']

/**
 * One page of applications: `{accessApplications, nextPageToken, totalSize}`.
 * `awaitingMyReview` keeps those waiting at a step the caller may review.
 */
export function listAccessApplications({ pageSize = 20, pageToken = '', channelId = '', status = '', query = '', awaitingMyReview = false } = {}) {
  return http.get('/api/registry/v1/access-applications', {
    pageSize,
    pageToken,
    channelId,
    status,
    query,
    awaitingMyReview: awaitingMyReview || undefined,
  })
}

export function getAccessApplication(applicationId) {
  return http.get(`/api/registry/v1/access-applications/${enc(applicationId)}`)
}

/** Starts a draft; answers `{accessApplication}`. */
export function createAccessApplication(application) {
  return http.post('/api/registry/v1/access-applications', application)
}

/** Replaces the writable fields of a draft or a returned application. */
export function updateAccessApplication(applicationId, application) {
  return http.patch(`/api/registry/v1/access-applications/${enc(applicationId)}`, application)
}

export function submitAccessApplication(applicationId, comment = '') {
  return http.post(`/api/registry/v1/access-applications/${enc(applicationId)}:submit`, { comment })
}

export function withdrawAccessApplication(applicationId, comment = '') {
  return http.post(`/api/registry/v1/access-applications/${enc(applicationId)}:withdraw`, { comment })
}

/** Approves the current step; `grantTerms` (per API quota and expiry) count at the last one. */
export function approveAccessApplication(applicationId, comment, grantTerms = []) {
  return http.post(`/api/registry/v1/access-applications/${enc(applicationId)}:approve`, {
    comment,
    grantTerms,
    idempotencyKey: idempotencyKey(),
  })
}

export function rejectAccessApplication(applicationId, comment) {
  return http.post(`/api/registry/v1/access-applications/${enc(applicationId)}:reject`, {
    comment,
    idempotencyKey: idempotencyKey(),
  })
}

/** Sends the application back to the applicant for the changes the comment names. */
export function returnAccessApplication(applicationId, comment) {
  return http.post(`/api/registry/v1/access-applications/${enc(applicationId)}:return`, {
    comment,
    idempotencyKey: idempotencyKey(),
  })
}

export const ACCESS_GRANT_STATUSES = [
  'ACCESS_GRANT_STATUS_ACTIVE',
  'ACCESS_GRANT_STATUS_SCHEDULED',
  'ACCESS_GRANT_STATUS_EXPIRED',
  'ACCESS_GRANT_STATUS_REVOKED',
]

/** One page of grants: `{accessGrants, nextPageToken, totalSize}`. */
export function listAccessGrants({ pageSize = 20, pageToken = '', channelId = '', apiServiceId = '', status = '' } = {}) {
  return http.get('/api/registry/v1/access-grants', { pageSize, pageToken, channelId, apiServiceId, status })
}

/** The edge refuses the channel this API within seconds; the reason is kept. */
export function revokeAccessGrant(grantId, reason) {
  return http.post(`/api/registry/v1/access-grants/${enc(grantId)}:revoke`, {
    reason,
    idempotencyKey: idempotencyKey(),
  })
}

/** The review steps of every API category: `{reviewPolicies}`. */
export function listReviewPolicies({ pageSize = 100, pageToken = '' } = {}) {
  return http.get('/api/registry/v1/review-policies', { pageSize, pageToken })
}

/** Creates or replaces the policy of one category. */
export function updateReviewPolicy(category, policy) {
  return http.put(`/api/registry/v1/review-policies/${enc(category)}`, policy)
}
