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
 * Empty filters list them all; `code` lists the versions of one API.
 */
export function listApiServices({ pageSize = 20, pageToken = '', query = '', status = '', category = '', upstreamId = '', code = '', tag = '' } = {}) {
  return http.get('/api/registry/v1/api-services', { pageSize, pageToken, query, status, category, upstreamId, code, tag })
}

const enc = encodeURIComponent

// A fresh key per click: a retried request is then answered once, not acted on twice.
// getRandomValues, unlike randomUUID, also works on a console served over plain HTTP.
export function idempotencyKey() {
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

// Service configuration (module 16): upstreams, the lifecycle of API services, their versions.

export const UPSTREAM_PROTOCOLS = ['UPSTREAM_PROTOCOL_HTTP1', 'UPSTREAM_PROTOCOL_HTTP2', 'UPSTREAM_PROTOCOL_GRPC']
export const LOAD_BALANCING_POLICIES = [
  'LOAD_BALANCING_POLICY_ROUND_ROBIN',
  'LOAD_BALANCING_POLICY_LEAST_REQUEST',
  'LOAD_BALANCING_POLICY_RANDOM',
  'LOAD_BALANCING_POLICY_RING_HASH',
]
export const HTTP_METHODS = ['HTTP_METHOD_GET', 'HTTP_METHOD_POST', 'HTTP_METHOD_PUT', 'HTTP_METHOD_PATCH', 'HTTP_METHOD_DELETE']
export const PARAMETER_LOCATIONS = ['PARAMETER_LOCATION_PATH', 'PARAMETER_LOCATION_QUERY', 'PARAMETER_LOCATION_HEADER']

/** One page of upstreams: `{upstreams, nextPageToken, totalSize}`. */
export function listUpstreams({ pageSize = 100, pageToken = '', query = '' } = {}) {
  return http.get('/api/registry/v1/upstreams', { pageSize, pageToken, query })
}

export function createUpstream(upstream) {
  return http.post('/api/registry/v1/upstreams', upstream)
}

/** Replaces every writable field (an empty update mask). */
export function updateUpstream(upstreamId, upstream) {
  return http.patch(`/api/registry/v1/upstreams/${enc(upstreamId)}`, upstream)
}

/** Refused while API services still route to it. */
export function deleteUpstream(upstreamId) {
  return http.delete(`/api/registry/v1/upstreams/${enc(upstreamId)}`)
}

/** Tries every endpoint now: `{endpoints: [{endpoint, reachable, latency, healthStatus, error}]}`. */
export function probeUpstream(upstreamId) {
  return http.post(`/api/registry/v1/upstreams/${enc(upstreamId)}:probe`, {})
}

export function getApiService(apiServiceId) {
  return http.get(`/api/registry/v1/api-services/${enc(apiServiceId)}`)
}

export function createApiService(apiService) {
  return http.post('/api/registry/v1/api-services', apiService)
}

/** Replaces every writable field; a published service takes the change to the edge at once. */
export function updateApiService(apiServiceId, apiService) {
  return http.patch(`/api/registry/v1/api-services/${enc(apiServiceId)}`, apiService)
}

export function deleteApiService(apiServiceId) {
  return http.delete(`/api/registry/v1/api-services/${enc(apiServiceId)}`)
}

export function publishApiService(apiServiceId) {
  return http.post(`/api/registry/v1/api-services/${enc(apiServiceId)}:publish`, {})
}

/** `sunsetTime` is an RFC 3339 time or ''; `deprecationLink` an http(s) URL or ''. */
export function deprecateApiService(apiServiceId, { sunsetTime = '', comment = '', deprecationLink = '' } = {}) {
  return http.post(`/api/registry/v1/api-services/${enc(apiServiceId)}:deprecate`, {
    sunsetTime: sunsetTime || undefined,
    deprecationLink: deprecationLink || undefined,
    comment,
  })
}

export function unpublishApiService(apiServiceId, comment = '') {
  return http.post(`/api/registry/v1/api-services/${enc(apiServiceId)}:unpublish`, { comment })
}

/** A new draft copied from this one, labelled `version`. */
export function createApiServiceVersion(apiServiceId, version) {
  return http.post(`/api/registry/v1/api-services/${enc(apiServiceId)}/versions`, { version })
}

export function getCatalogSummary() {
  return http.get('/api/registry/v1/catalog-summary')
}

// Import and export: OpenAPI 3 documents and the standard hospital catalogue (module 32).

/** `{items, summary}`; nothing changes when `dryRun`. */
export function importOpenApi({ document, upstreamId, category = '', owner = '', pathPrefix = '', dryRun = false, overwriteDrafts = false }) {
  return http.post('/api/registry/v1/api-services:importOpenApi', {
    document,
    upstreamId,
    category,
    owner,
    pathPrefix,
    dryRun,
    overwriteDrafts,
  })
}

export function listCatalogTemplates(category = '') {
  return http.get('/api/registry/v1/catalog-templates', { category })
}

export function importCatalogTemplates({ templateCodes, upstreamId, version = '', pathPrefix = '', dryRun = false }) {
  return http.post('/api/registry/v1/catalog-templates:import', { templateCodes, upstreamId, version, pathPrefix, dryRun })
}

/** The OpenAPI document of the services a category and status select, as a Blob (JSON or YAML). */
export function exportCatalogOpenApi({ category = '', status = '', format = 'OPEN_API_FORMAT_JSON' } = {}) {
  return http.getBlob('/api/registry/v1/api-services:exportOpenApi', { category, status, format })
}

// The live edge configuration (module 31): snapshots, the Envoys and what each acknowledged.

/** Newest first: `{snapshots, nextPageToken, totalSize}`. */
export function listConfigSnapshots({ pageSize = 20, pageToken = '' } = {}) {
  return http.get('/api/registry/v1/edge-snapshots', { pageSize, pageToken })
}

/** The snapshot with its resources as JSON. */
export function getConfigSnapshot(snapshotId) {
  return http.get(`/api/registry/v1/edge-snapshots/${enc(snapshotId)}`)
}

/** What changed since `baseSnapshotId` (the one just before when empty). */
export function diffConfigSnapshots(snapshotId, baseSnapshotId = '') {
  return http.get(`/api/registry/v1/edge-snapshots/${enc(snapshotId)}:diff`, { baseSnapshotId })
}

/**
 * Serves the snapshot's content again as a new, higher version. Sending the same `key` again
 * (a retry after a lost answer) returns the first rollback instead of making another.
 */
export function rollbackConfigSnapshot(snapshotId, reason, key = idempotencyKey()) {
  return http.post(`/api/registry/v1/edge-snapshots/${enc(snapshotId)}:rollback`, {
    reason,
    idempotencyKey: key,
  })
}

/** `{snapshot, changed}`: no new snapshot when nothing changed. */
export function rebuildConfigSnapshot(reason = '') {
  return http.post('/api/registry/v1/edge-snapshots:rebuild', { reason })
}

/** `{nodes, currentVersion, ...}`. */
export function listEdgeNodes({ pageSize = 100, pageToken = '', includeDisconnected = true } = {}) {
  return http.get('/api/registry/v1/edge-nodes', { pageSize, pageToken, includeDisconnected })
}

// Developer center (module 15): vendor sign-up and review, the vendor's profile, API documentation.

export const DEVELOPER_STATUSES = [
  'DEVELOPER_STATUS_PENDING',
  'DEVELOPER_STATUS_ACTIVE',
  'DEVELOPER_STATUS_REJECTED',
  'DEVELOPER_STATUS_DISABLED',
]

/** Public sign-up, without a session: answers `{developerId, status}`. */
export function registerDeveloper(registration) {
  return http.post('/api/registry/v1/developers:register', registration, { auth: false })
}

/** One page of vendors: `{developers, nextPageToken, totalSize}`. */
export function listDevelopers({ pageSize = 20, pageToken = '', status = '', query = '' } = {}) {
  return http.get('/api/registry/v1/developers', { pageSize, pageToken, status, query })
}

/** Creates the vendor's console account; answers `{developer}`. */
export function approveDeveloper(developerId, comment = '') {
  return http.post(`/api/registry/v1/developers/${enc(developerId)}:approve`, {
    comment,
    idempotencyKey: idempotencyKey(),
  })
}

export function rejectDeveloper(developerId, comment) {
  return http.post(`/api/registry/v1/developers/${enc(developerId)}:reject`, {
    comment,
    idempotencyKey: idempotencyKey(),
  })
}

export function disableDeveloper(developerId, reason = '') {
  return http.post(`/api/registry/v1/developers/${enc(developerId)}:disable`, { reason })
}

export function enableDeveloper(developerId) {
  return http.post(`/api/registry/v1/developers/${enc(developerId)}:enable`, {})
}

/** The signed-in vendor's own organisation: `{developer}` (NOT_FOUND for staff). */
export function getDeveloperProfile() {
  return http.get('/api/registry/v1/developer-profile')
}

/** Published and deprecated services as documentation: `{apiDocs, nextPageToken, totalSize}`. */
export function listApiDocs({ pageSize = 100, pageToken = '', category = '', query = '' } = {}) {
  return http.get('/api/registry/v1/api-docs', { pageSize, pageToken, category, query })
}

/** One API's documentation with code samples: `{apiDoc, platformErrorCodes}`. */
export function getApiDoc(apiServiceId) {
  return http.get(`/api/registry/v1/api-docs/${enc(apiServiceId)}`)
}

/** The OpenAPI 3.1 document of the given services (all documented ones when empty), as a Blob. */
export function exportOpenApi({ apiServiceIds = [], format = 'OPEN_API_FORMAT_JSON' } = {}) {
  const query = { format }
  // Repeated query parameters: the transcoder reads `apiServiceIds=a&apiServiceIds=b`; one is enough here.
  if (apiServiceIds.length === 1) query.apiServiceIds = apiServiceIds[0]
  return http.getBlob('/api/registry/v1/api-services:exportOpenApi', query)
}

// Service testing (module 17): calls through the real edge as a test channel.

export const TEST_RUN_STATUSES = [
  'TEST_RUN_STATUS_RUNNING',
  'TEST_RUN_STATUS_PASSED',
  'TEST_RUN_STATUS_FAILED',
  'TEST_RUN_STATUS_ERROR',
]

/** Sends one request now; the credential is used for this call only. Answers `{testRun}`. */
export function runApiTest(test) {
  return http.post('/api/registry/v1/api-tests:run', test)
}

/** `{testCases, nextPageToken, totalSize}`. */
export function listTestCases({ pageSize = 100, pageToken = '', apiServiceId = '', query = '' } = {}) {
  return http.get('/api/registry/v1/test-cases', { pageSize, pageToken, apiServiceId, query })
}

export function createTestCase(testCase) {
  return http.post('/api/registry/v1/test-cases', testCase)
}

export function deleteTestCase(testCaseId) {
  return http.delete(`/api/registry/v1/test-cases/${enc(testCaseId)}`)
}

/** Runs a saved case with a credential of its kind: `{testRun}`. */
export function runTestCase(testCaseId, { channelId = '', credential } = {}) {
  return http.post(`/api/registry/v1/test-cases/${enc(testCaseId)}:run`, { channelId, credential })
}

/** `{testSuites, nextPageToken, totalSize}`. */
export function listTestSuites({ pageSize = 100, pageToken = '', query = '' } = {}) {
  return http.get('/api/registry/v1/test-suites', { pageSize, pageToken, query })
}

export function createTestSuite(testSuite) {
  return http.post('/api/registry/v1/test-suites', testSuite)
}

export function deleteTestSuite(testSuiteId) {
  return http.delete(`/api/registry/v1/test-suites/${enc(testSuiteId)}`)
}

/** Starts the suite in the background: `{testRun}` RUNNING; poll `getTestRun`. */
export function runTestSuite(testSuiteId, { channelId = '', credentials = [] } = {}) {
  return http.post(`/api/registry/v1/test-suites/${enc(testSuiteId)}:run`, { channelId, credentials })
}

export function getTestRun(testRunId) {
  return http.get(`/api/registry/v1/test-runs/${enc(testRunId)}`)
}

/** The history, newest first, without results: `{testRuns, nextPageToken, totalSize}`. */
export function listTestRuns({ pageSize = 20, pageToken = '', apiServiceId = '', testCaseId = '', testSuiteId = '', status = '' } = {}) {
  return http.get('/api/registry/v1/test-runs', { pageSize, pageToken, apiServiceId, testCaseId, testSuiteId, status })
}
