/**
 * Free-text checks shared by every registry field: no control characters (they corrupt logs, CSV
 * and rendering) and no invisible direction overrides (they make text read differently than stored).
 * Pure: no Forge imports.
 */

// C0 and C1 controls except tab and line feed, which multi-line notes may hold.
const CONTROL_EXCEPT_TAB_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters), and zero-width ones.
const INVISIBLE_FORMAT = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

/** Why a one-line value is unsafe, or null. */
export function singleLineProblem(value: string): string | null {
  if (ANY_CONTROL.test(value)) return 'must not contain control characters or line breaks';
  if (INVISIBLE_FORMAT.test(value)) return 'must not contain invisible formatting characters';
  return null;
}

/** Why a multi-line value is unsafe, or null (tabs and line feeds are allowed). */
export function multiLineProblem(value: string): string | null {
  if (CONTROL_EXCEPT_TAB_LF.test(value)) return 'must not contain control characters (only line breaks and tabs)';
  if (INVISIBLE_FORMAT.test(value)) return 'must not contain invisible formatting characters';
  return null;
}

/** Why a runbook link is unacceptable, or null. Only absolute http and https links are allowed. */
export function webUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a full link starting with https:// or http://';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https:// or http:// (other link types are refused)';
  if (url.username || url.password) return 'must not contain a user name or password';
  return null;
}
