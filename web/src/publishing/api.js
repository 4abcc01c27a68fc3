// Publishing service: department master data (module 29). No console page uses it yet.
import { http } from '../api/http.js'

export function listDepartments({ pageSize = 20, pageToken = '' } = {}) {
  return http.get('/api/publishing/v1/departments', { pageSize, pageToken })
}
