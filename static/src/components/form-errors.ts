import type { ResolverError } from '../../../src/contract';
import { ResolverCallError } from '../api/invoke';

/**
 * A resolver's INVALID_INPUT answer as Atlaskit Form submit errors: each field's message under the
 * last part of its payload path ("ownership.runbookUrl" -> runbookUrl), so that every field at
 * fault shows its own error at once. Anything else is the form's general error (FORM_ERROR key "").
 */
export function submitErrors(e: unknown): Record<string, string> {
  const error: ResolverError = e instanceof ResolverCallError ? e.error : { code: 'UNAVAILABLE', message: 'The app could not reach its back end. Try again in a moment.' };
  const out: Record<string, string> = {};
  for (const f of error.fields ?? []) {
    const key = f.field.split('.').pop() ?? f.field;
    out[key] = `${f.label}: ${f.message}`;
  }
  if (Object.keys(out).length === 0) out[''] = error.message;
  return out;
}
