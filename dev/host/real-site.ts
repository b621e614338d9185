import type { JiraGateway, JiraGatewayRequest, JiraGatewayResponse } from './jira-gateway';

export interface RealSiteConfig {
  baseUrl: string;
  email: string;
  apiToken: string;
}

/**
 * POST endpoints that only read. Everything else that is not GET is refused here, so local runs
 * against a real site never change it.
 */
const READ_ONLY_POSTS = [
  '/rest/api/3/search/jql',
  '/rest/api/3/search/approximate-count',
  '/rest/api/3/changelog/bulkfetch',
  '/rest/api/3/permissions/check',
  '/rest/api/3/comment/list',
  '/rest/api/3/worklog/list',
];

/**
 * Sends Jira calls to a real site with basic auth (email + API token). Both "as app" and "as user"
 * calls act as the token's owner: a real site cannot act as anyone else without Forge.
 */
export class RealSiteGateway implements JiraGateway {
  readonly mode = 'real' as const;
  private readonly origin: string;
  private readonly authorization: string;

  constructor(config: RealSiteConfig, private readonly fetchImpl: typeof fetch = fetch) {
    const url = new URL(config.baseUrl);
    if (url.protocol !== 'https:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
      throw new Error(`JIRA_BASE_URL must use https (got ${url.protocol}//${url.host})`);
    }
    this.origin = url.origin;
    this.authorization = `Basic ${Buffer.from(`${config.email}:${config.apiToken}`).toString('base64')}`;
  }

  describe(): string {
    return `real Jira site ${this.origin} (read-only, every call acts as the API token's owner)`;
  }

  async handle(request: JiraGatewayRequest): Promise<JiraGatewayResponse> {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && !(method === 'POST' && READ_ONLY_POSTS.includes(request.path))) {
      return { status: 405, headers: {}, body: { errorMessages: [`The local host is read-only against a real site: ${method} ${request.path} was not sent.`], errors: {} } };
    }
    const query = request.query.toString();
    const response = await this.fetchImpl(`${this.origin}${request.path}${query ? `?${query}` : ''}`, {
      method,
      headers: {
        Authorization: this.authorization,
        Accept: 'application/json',
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    const text = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      if (key.startsWith('x-ratelimit') || key.startsWith('beta-ratelimit') || key === 'retry-after' || key === 'ratelimit-reason' || key === 'content-type') headers[key] = value;
    });
    let body: unknown = text === '' ? undefined : text;
    try {
      if (text !== '') body = JSON.parse(text) as unknown;
    } catch {
      // Not JSON: pass the text through; the app's client treats it as junk.
    }
    return { status: response.status, headers, body };
  }
}
