import { z } from 'zod';
import type { CredentialInput, Ownership } from '../contract';
import { secretLikeReason } from '../rules/secret-like';
import { multiLineProblem, singleLineProblem, webUrlProblem } from '../rules/text-safety';

/**
 * Payload schemas of the registry. Every text field is bounded, free of control characters and
 * refused when it looks like a secret value: the registry holds metadata only.
 */
export const LIMITS = { team: 100, purpose: 500, runbookUrl: 2000, notes: 4000, label: 120, scope: 80, scopes: 30 } as const;

export const ACCOUNT_ID = z.string().min(1).max(128).regex(/^[A-Za-z0-9:_-]+$/, 'must be a Jira account id');

/** A bounded text field; `multiLine` allows line breaks and tabs (notes). */
export function safeText(max: number, options: { multiLine?: boolean; url?: boolean } = {}) {
  return z
    .string()
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const problem =
        (options.multiLine ? multiLineProblem(value) : singleLineProblem(value)) ??
        (options.url && value !== '' ? webUrlProblem(value) : null);
      if (problem) return ctx.addIssue({ code: 'custom', message: problem });
      const secret = secretLikeReason(value, { allowLongRuns: options.url === true });
      // Logged without the value (and without who sent it: the resolver's answer tells them).
      if (secret) console.warn(`[registry] refused a value that looks like a secret: ${secret}`);
      if (secret) ctx.addIssue({ code: 'custom', message: `refused because ${secret}. Store metadata only, never a secret value.` });
    });
}

export const OwnershipSchema: z.ZodType<Ownership> = z
  .object({
    ownerAccountId: ACCOUNT_ID.nullable(),
    backupAccountId: ACCOUNT_ID.nullable(),
    team: safeText(LIMITS.team),
    purpose: safeText(LIMITS.purpose),
    runbookUrl: safeText(LIMITS.runbookUrl, { url: true }),
    notes: safeText(LIMITS.notes, { multiLine: true }),
  })
  .strict()
  .refine((o) => o.ownerAccountId === null || o.ownerAccountId !== o.backupAccountId, {
    message: 'the backup owner must be someone other than the owner',
    path: ['backupAccountId'],
  });

const ISO_DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a real calendar date');

export const CREDENTIAL_KINDS = ['api-token', 'oauth-client-credential', 'other'] as const;

export const CredentialInputSchema: z.ZodType<CredentialInput> = z
  .object({
    kind: z.enum(CREDENTIAL_KINDS, { message: `must be one of ${CREDENTIAL_KINDS.join(', ')}` }),
    label: safeText(LIMITS.label).refine((s) => s.trim().length > 0, 'must not be empty'),
    scopes: z
      .array(safeText(LIMITS.scope).regex(/^[A-Za-z0-9:._/-]+$/, 'must be a scope name such as read:jira-work'))
      .max(LIMITS.scopes, `must list at most ${LIMITS.scopes} scopes`),
    createdAt: ISO_DATE.nullable(),
    expiresAt: ISO_DATE.nullable(),
    lastUsedAt: ISO_DATE.nullable(),
    ownerAccountId: ACCOUNT_ID.nullable(),
    retiredAt: ISO_DATE.nullable().optional(),
  })
  .strict()
  .refine((c) => !c.createdAt || !c.expiresAt || c.createdAt <= c.expiresAt, { message: 'must not be before the created date', path: ['expiresAt'] });
