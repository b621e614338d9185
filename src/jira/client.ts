import api, { type Route } from '@forge/api';
import { JiraError, JiraUnavailableError, messagesOf } from './errors';

/**
 * Who a request acts as. Access checks run as the calling user (their own Jira permissions);
 * data gathering runs as the app. Never mix them up: asApp sees more than the caller may.
 */
export type Actor = 'user' | 'app';

export interface JiraRequest {
  actor: Actor;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  route: Route;
  body?: unknown;
}

/** Sends one request with requestJira and returns the parsed JSON body of a 2xx answer. */
export async function requestJson<T>({ actor, method = 'GET', route, body }: JiraRequest): Promise<T> {
  const requester = actor === 'user' ? api.asUser() : api.asApp();
  let response: Awaited<ReturnType<typeof requester.requestJira>>;
  try {
    response = await requester.requestJira(route, {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (cause) {
    throw new JiraUnavailableError(`Jira could not be reached (${method} ${route.value}): ${(cause as Error).message}`);
  }
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) throw new JiraError(response.status, method, route.value.split('?')[0] ?? '', messagesOf(parsed.value));
  if (!parsed.ok) throw new JiraUnavailableError(`Jira answered ${method} ${route.value.split('?')[0]} with a body that is not JSON`);
  return parsed.value as T;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; value: undefined } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, value: undefined };
  }
}
