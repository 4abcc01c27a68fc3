// Same-origin fetch wrapper for the platform's HTTP/JSON gateway (`/api/...`).
//
// Every failure becomes an ApiError, whatever produced it: the gRPC transcoder's
// google.rpc.Status body, the edge's own `{"error": ...}` body, a plain-text proxy error,
// or no answer at all. Pages only ever have to show an ApiError.

import { session } from '../session.js'

export class ApiError extends Error {
  /**
   * @param {object} init
   * @param {number} init.status HTTP status; 0 when the server could not be reached
   * @param {string} [init.code] gRPC status name or the edge's error code, when known
   * @param {string} [init.message] the server's message, as it sent it
   * @param {{field: string, description: string}[]} [init.fieldViolations]
   * @param {string} [init.requestId] the edge's x-request-id, for log query
   */
  constructor({ status, code = '', message = '', fieldViolations = [], requestId = '' }) {
    super(message || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.serverMessage = message
    this.fieldViolations = fieldViolations
    this.requestId = requestId
  }
}

// google.rpc.Code numbers, as the transcoder writes them into the Status body.
const GRPC_CODE_NAMES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND',
  'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION',
  'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS',
  'UNAUTHENTICATED',
]

let onUnauthenticated = () => {}

/** Registers what happens when a signed-in request is answered 401 (the app goes to /login). */
export function setUnauthenticatedHandler(handler) {
  onUnauthenticated = handler
}

function codeName(code) {
  if (typeof code === 'number') return GRPC_CODE_NAMES[code] ?? String(code)
  return code ? String(code) : ''
}

function fieldViolationsOf(details) {
  if (!Array.isArray(details)) return []
  return details.flatMap((detail) => {
    // The transcoder writes lowerCamelCase by default and snake_case with
    // preserve_proto_field_names; accept both.
    const violations = detail?.fieldViolations ?? detail?.field_violations ?? []
    return Array.isArray(violations)
      ? violations.map((v) => ({ field: String(v.field ?? ''), description: String(v.description ?? '') }))
      : []
  })
}

/** Turns whatever an error response carried into the parts of an ApiError. */
export function describeErrorBody(body, text) {
  if (body && typeof body === 'object') {
    if (body.error && typeof body.error === 'object') {
      const edge = body.error
      return {
        code: codeName(edge.status ?? edge.code),
        message: String(edge.message ?? ''),
        fieldViolations: fieldViolationsOf(edge.details),
      }
    }
    if (typeof body.error === 'string') {
      // OAuth2-style error (RFC 6749 §5.2), as the token endpoint answers.
      return { code: body.error, message: String(body.error_description ?? ''), fieldViolations: [] }
    }
    if ('message' in body || 'code' in body) {
      return {
        code: codeName(body.code),
        message: String(body.message ?? ''),
        fieldViolations: fieldViolationsOf(body.details),
      }
    }
  }
  // Plain text from a proxy ("no healthy upstream"); an HTML error page says nothing useful.
  const plain = (text ?? '').trim()
  const looksLikeHtml = plain.startsWith('<')
  return { code: '', message: looksLikeHtml ? '' : plain.slice(0, 300), fieldViolations: [] }
}

// Percent-encoding, not URLSearchParams: that writes a space as `+`, which Envoy's gRPC-JSON
// transcoder passes on as a literal `+` (envoyproxy/envoy#13965), so "second factor" would
// reach the service as "second+factor".
function buildUrl(path, query) {
  const search = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&')
  return search ? `${path}?${search}` : path
}

/**
 * Sends one request and returns the parsed JSON body (null for an empty body).
 * `auth: false` sends no token and leaves a 401 to the caller (the login form).
 */
export async function request(method, path, { query, body, auth = true, signal, asText = false, asBlob = false } = {}) {
  const accept = asText ? 'text/plain, application/x-pem-file, */*' : asBlob ? '*/*' : 'application/json'
  const headers = { Accept: accept }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const signedIn = auth && session.accessToken
  if (signedIn) headers.Authorization = `Bearer ${session.accessToken}`

  let response
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    })
  } catch (cause) {
    if (cause?.name === 'AbortError') throw cause
    throw new ApiError({ status: 0, code: 'NETWORK', message: '' })
  }

  // A binary download (a PDF) is kept as the bytes it is; errors are still JSON.
  if (asBlob && response.ok) return response.blob()

  const text = await response.text()
  let parsed = null
  if (text && (response.headers.get('Content-Type') ?? '').includes('json')) {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = null
    }
  }

  if (response.ok) {
    // A download (google.api.HttpBody) is the file itself, whatever its content type.
    if (asText) return text
    if (text && parsed === null) {
      throw new ApiError({ status: response.status, code: 'NOT_JSON', message: '' })
    }
    return parsed
  }

  const described = describeErrorBody(parsed, parsed === null ? text : '')
  const error = new ApiError({
    status: response.status,
    ...described,
    message: described.message || (response.statusText ?? ''),
    requestId: response.headers.get('x-request-id') ?? '',
  })
  if (response.status === 401 && signedIn) onUnauthenticated(error)
  throw error
}

export const http = {
  get: (path, query, options) => request('GET', path, { ...options, query }),
  /** A file the server streams as it is (PEM, CSV): the body as text. */
  getText: (path, query, options) => request('GET', path, { ...options, query, asText: true }),
  /** A file the server streams as it is (PDF, HTML): the body as a Blob with its content type. */
  getBlob: (path, query, options) => request('GET', path, { ...options, query, asBlob: true }),
  post: (path, body, options) => request('POST', path, { ...options, body }),
  patch: (path, body, options) => request('PATCH', path, { ...options, body }),
  put: (path, body, options) => request('PUT', path, { ...options, body }),
  delete: (path, options) => request('DELETE', path, options),
}
