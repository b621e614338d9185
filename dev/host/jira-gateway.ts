/** Who a Jira request acts as: the app's bot user, or a user (asUser). */
export type JiraCaller = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface JiraGatewayRequest {
  method: string;
  /** Jira REST path without query, e.g. /rest/api/3/myself. */
  path: string;
  query: URLSearchParams;
  body?: unknown;
  caller: JiraCaller;
}

export interface JiraGatewayResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or a string when the site answered with something else. */
  body?: unknown;
}

/** Where `requestJira` goes: the simulated site or a real one. */
export interface JiraGateway {
  readonly mode: 'simulated' | 'real';
  /** One line for the start-up banner. */
  describe(): string;
  handle(request: JiraGatewayRequest): Promise<JiraGatewayResponse>;
}

export function toFetchResponse(r: JiraGatewayResponse): Response {
  const body = r.body === undefined ? null : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  const headers = new Headers(r.headers);
  if (body !== null && !headers.has('content-type')) headers.set('content-type', typeof r.body === 'string' ? 'text/plain' : 'application/json');
  return new Response(r.status === 204 ? null : body, { status: r.status, headers });
}
