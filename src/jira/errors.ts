/** A Jira answer that was not a success, kept small: status and Jira's own messages, never bodies with data. */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly jiraMessages: string[],
  ) {
    super(`Jira answered ${status} to ${method} ${path}${jiraMessages.length ? `: ${jiraMessages.join('; ')}` : ''}`);
    this.name = 'JiraError';
  }
}

/** Jira did not answer usefully: network failure, timeout, or a body that is not the JSON we asked for. */
export class JiraUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JiraUnavailableError';
  }
}

/** Jira's ErrorCollection: `{ errorMessages: string[], errors: { field: message } }`. */
export function messagesOf(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const out: string[] = [];
  const { errorMessages, errors } = body as { errorMessages?: unknown; errors?: unknown };
  if (Array.isArray(errorMessages)) out.push(...errorMessages.filter((m): m is string => typeof m === 'string'));
  if (typeof errors === 'object' && errors !== null) {
    for (const [field, m] of Object.entries(errors)) if (typeof m === 'string') out.push(`${field}: ${m}`);
  }
  return out.slice(0, 5);
}

/**
 * Jira's hourly points quota is spent (429 with a quota reason). Background work stops and resumes
 * at `resumeAt` (ms since epoch); a page's resolver answers LIMIT.
 */
export class QuotaExhaustedError extends Error {
  constructor(
    readonly resumeAt: number,
    readonly reason: string,
  ) {
    super(`Jira's rate limit quota is spent (${reason}); resume after ${new Date(resumeAt).toISOString()}`);
    this.name = 'QuotaExhaustedError';
  }
}

/** The answer, or null when Jira says the thing does not exist or the actor cannot see it (404). */
export async function nullWhenMissing<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (e) {
    if (e instanceof JiraError && e.status === 404) return null;
    throw e;
  }
}

/**
 * A wait for Jira (a retry's backoff, a Retry-After, an answer) would end after the caller's
 * deadline: the call gives up at once, so that a background step ends inside its function's
 * timeout instead of being cut off and run again from the same point.
 */
export class DeadlineError extends Error {
  constructor(what: string) {
    super(`Out of time for this step while ${what}; the next step carries on`);
    this.name = 'DeadlineError';
  }
}
