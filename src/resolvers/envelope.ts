import type { Envelope, ErrorCode, FieldProblem } from '../contract';
import { AppFailure } from '../errors';
import { JiraError, JiraUnavailableError, QuotaExhaustedError } from '../jira/errors';

export const ok = <T>(data: T): Envelope<T> => ({ ok: true, data });
export const fail = <T = never>(code: ErrorCode, message: string, fields?: FieldProblem[]): Envelope<T> => ({ ok: false, error: fields?.length ? { code, message, fields } : { code, message } });

/**
 * Turns anything thrown inside a resolver into an envelope. Unknown errors are logged (message only,
 * never payloads) and answered with a generic message, so internals do not leak to the page.
 */
export function failureEnvelope<T>(resolverKey: string, e: unknown): Envelope<T> {
  if (e instanceof AppFailure) return fail(e.code, e.message, e.fields);
  if (e instanceof QuotaExhaustedError || (e instanceof JiraError && e.status === 429)) {
    return fail('LIMIT', 'Jira is rate limiting this app right now. Wait a minute and try again.');
  }
  if (e instanceof JiraError || e instanceof JiraUnavailableError) {
    console.warn(`[${resolverKey}] Jira call failed: ${e.message}`);
    return fail('UNAVAILABLE', 'Jira did not answer as expected. Try again in a moment.');
  }
  console.error(`[${resolverKey}] unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  return fail('UNAVAILABLE', 'Something went wrong on our side. Try again in a moment.');
}
