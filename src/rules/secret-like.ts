/**
 * Spotting pasted secrets. The registry keeps credential metadata only (DESIGN.md), so any field that
 * looks like a token, client secret or private key is refused, and the answer says why without
 * repeating the value. Pure: no Forge imports.
 */

interface SecretPattern {
  pattern: RegExp;
  why: string;
}

// Known shapes first: they give the most useful message.
const PATTERNS: readonly SecretPattern[] = [
  { pattern: /\bATATT[A-Za-z0-9_=-]{8,}/, why: 'it looks like an Atlassian API token (they start with ATATT)' },
  { pattern: /\bATCTT[A-Za-z0-9_=-]{8,}/, why: 'it looks like an Atlassian token (it starts with ATCTT)' },
  { pattern: /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/i, why: 'it looks like an Authorization header with a bearer token' },
  { pattern: /\bBasic\s+[A-Za-z0-9+/]{16,}={0,2}/, why: 'it looks like an Authorization header with encoded credentials' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, why: 'it contains a private key' },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/, why: 'it looks like a JSON Web Token' },
  { pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}/, why: 'it looks like a GitHub token' },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, why: 'it looks like a Slack token' },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, why: 'it looks like an AWS access key' },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, why: 'it looks like a Google API key' },
  {
    pattern: /\b(?:client[_-]?secret|api[_-]?key|access[_-]?token|secret|password|passwd|pwd|token)\s*[:=]\s*["']?[^\s"']{8,}/i,
    why: 'it looks like a secret assignment (for example client_secret=…)',
  },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CANDIDATE = /[A-Za-z0-9+/_=.~-]{32,}/g;
const MIN_ENTROPY_BITS = 3.5;

/** Shannon entropy of a string, in bits per character. */
export function entropyBitsPerChar(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

// A git commit id (SHA-1, 40 hex digits, or SHA-256, 64): people note which commit changed an integration.
const GIT_OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** A long run of random-looking characters: what API tokens and client secrets are made of. */
function looksRandom(candidate: string): boolean {
  const run = candidate.replace(/^[._~-]+|[._~-]+$/g, ''); // the full stop after a commit id ends a sentence
  if (UUID.test(run) || GIT_OBJECT_ID.test(run)) return false; // ids people legitimately mention
  if (/^\d+$/.test(run)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(run)).length;
  const longHex = /^[0-9a-f]{40,}$/i.test(run);
  return (classes >= 3 || longHex || (classes >= 2 && run.length >= 40)) && entropyBitsPerChar(run) >= MIN_ENTROPY_BITS;
}

/**
 * Why `text` looks like a secret value, or null when it does not. `allowLongRuns` skips the entropy
 * test (URLs carry long random-looking ids, such as document ids, that are not secrets).
 */
export function secretLikeReason(text: string, options: { allowLongRuns?: boolean } = {}): string | null {
  for (const { pattern, why } of PATTERNS) if (pattern.test(text)) return why;
  if (options.allowLongRuns) return null;
  // Links inside free text carry long ids (documents, pages) that are not secrets.
  const withoutLinks = text.replace(/https?:\/\/\S+/gi, ' ');
  for (const [run] of withoutLinks.matchAll(CANDIDATE)) {
    if (looksRandom(run)) return 'it contains a long random-looking string, like a token or client secret';
  }
  return null;
}
