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
