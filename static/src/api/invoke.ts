import { makeInvoke } from '@forge/bridge';
import type { Defs, Envelope, ResolverError } from '../../../src/contract';

/** The one typed entry point to the back end: payloads and answers are checked against Defs. */
export const invoke = makeInvoke<Defs>();

/** An error answer from a resolver, kept whole so that pages can show its message and act on its code. */
export class ResolverCallError extends Error {
  readonly error: ResolverError;
  constructor(error: ResolverError) {
    const message = forPeople(error);
    super(message);
    this.error = { ...error, message };
  }
}

/** An INVALID_INPUT answer names every field at fault under its name for people ("Runbook: must be a web address"). */
function forPeople(error: ResolverError): string {
  if (!error.fields?.length) return error.message;
  return error.fields.map((f) => `${f.label}: ${f.message}`).join('. ');
}

/** Unwraps an envelope: the data, or a ResolverCallError carrying the code and message. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.data;
  throw new ResolverCallError(envelope.error);
}
