/** The HTTP answer @forge/kvs reads: JSON body (or none) with the status, shared by the host and tests. */
import type { KvsResponse } from './store';

export function toFetchResponse(r: KvsResponse): Response {
  return new Response(r.body === undefined ? null : JSON.stringify(r.body), {
    status: r.status,
    headers: { 'content-type': 'application/json' },
  });
}
