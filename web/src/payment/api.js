// Payment service: merchant numbers (module 27). No console page uses it yet.
import { http } from '../api/http.js'

export function listMerchants({ pageSize = 20, pageToken = '' } = {}) {
  return http.get('/api/payment/v1/merchants', { pageSize, pageToken })
}
