/**
 * Free-text checks shared by every registry field: no control characters (they corrupt logs, CSV
 * and rendering) and no invisible direction overrides (they make text read differently than stored).
 * Pure: no Forge imports.
 */

// C0 and C1 controls except tab and line feed, which multi-line notes may hold (a carriage return
// only as part of a CRLF line break, which pasted Windows text carries).
const CONTROL_EXCEPT_TAB_LF_CRLF = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// Line and paragraph separators: line breaks that no one-line field may hold (logs and CSV split on them).
const LINE_SEPARATORS = /[\u2028\u2029]/;
/**
 * Characters that render as nothing (or as blank space that is not a space), so that text reads
 * differently than it is stored: bidirectional marks, embeddings, overrides and isolates (the
 * "Trojan Source" characters, U+061C included), zero-width characters, the word joiner and invisible
 * operators (U+2060–U+2064), the soft hyphen, the Mongolian vowel separator, Hangul fillers, the
 * combining grapheme joiner, Khmer inherent vowels, interlinear annotation marks, tag characters
 * (U+E0000–U+E007F) and the byte order mark. A zero-width joiner inside an emoji sequence is allowed
 * (see EMOJI_ZWJ).
 */
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB\u{1D173}-\u{1D17A}\u{E0000}-\u{E007F}]/u;
/** A zero-width joiner between two emoji (👩‍💻, 🏳️‍🌈): how emoji sequences are written, so not refused. */
const EMOJI_ZWJ = /(?<=\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})/gu;
// A surrogate that is not half of a pair (only possible in JavaScript strings, not in real text).
const LONE_SURROGATE = /\p{Cs}/u;

function invisibleProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds a lone UTF-16 surrogate)';
  if (INVISIBLE.test(value.replace(EMOJI_ZWJ, ''))) return 'must not contain invisible formatting characters';
  return null;
}

/** Why a one-line value is unsafe, or null. */
export function singleLineProblem(value: string): string | null {
  if (ANY_CONTROL.test(value) || LINE_SEPARATORS.test(value)) return 'must not contain control characters or line breaks';
  return invisibleProblem(value);
}

/** Why a multi-line value is unsafe, or null (tabs and line breaks, LF or CRLF, are allowed). */
export function multiLineProblem(value: string): string | null {
  if (CONTROL_EXCEPT_TAB_LF_CRLF.test(value)) return 'must not contain control characters (only line breaks and tabs)';
  return invisibleProblem(value);
}

/**
 * The form of a short text used to compare it with others (credential labels): surrounding spaces
 * dropped, inner runs of spaces made one, Unicode NFC (a composed and a decomposed "é" are one
 * letter) and case folded (upper then lower case, so that "STRASSE" and "straße" compare equal).
 */
export function comparableText(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toUpperCase().toLowerCase().normalize('NFC');
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
