// Identity service: console sessions of hospital staff (module 11).
import { http } from '../api/http.js'

/** Signs in; answers `{accessToken, tokenType, expiresIn, user}`. A wrong password is a 401. */
export function login(username, password) {
  return http.post('/api/identity/v1/sessions:login', { username, password }, { auth: false })
}
