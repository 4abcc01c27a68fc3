// Monitor service: traffic analytics fed by the edge's access log (modules 1-10, 20-23).
import { http } from '../api/http.js'

/** Today's key indicators; int64 counts arrive as strings and absent ones are 0. */
export function getTrafficOverview() {
  return http.get('/api/monitor/v1/traffic/overview')
}
