// Field violations of an ApiError, found by the form field they belong to.

/**
 * The description the server gave for `field` (e.g. `user.username`), or ''.
 * Violations name proto fields in snake_case; forms name them in camelCase.
 */
export function violationOf(error, field) {
  const wanted = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
  const found = error?.fieldViolations?.find((v) => v.field === wanted || v.field === field)
  return found?.description ?? ''
}

/** Rethrows anything that is not an ApiError: only server answers become messages. */
export function asApiError(error) {
  if (error?.name === 'ApiError') return error
  throw error
}
