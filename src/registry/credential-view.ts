import type { Credential, CredentialView } from '../contract';
import { expiryTier } from '../rules/expiry';

/** A credential with its expiry tier as of `now`. */
export function toCredentialView(c: Credential, now: Date): CredentialView {
  return { ...c, ...expiryTier(c.expiresAt, now) };
}
