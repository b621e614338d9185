import { createHash } from 'node:crypto';
import type { CredentialKind } from '../contract';
import { comparableText } from '../rules/text-safety';

/**
 * A credential's stable id, from its natural key: identity, kind and label (compared as
 * comparableText: case, Unicode composition and surrounding spaces ignored). Re-importing the same row therefore updates the same credential.
 */
export function credentialId(accountId: string, kind: CredentialKind, label: string): string {
  return createHash('sha256').update(`${accountId}\n${kind}\n${normaliseLabel(label)}`).digest('hex').slice(0, 20);
}

export function normaliseLabel(label: string): string {
  return comparableText(label);
}
