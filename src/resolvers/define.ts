import type { Request } from '@forge/resolver';
import type { z } from 'zod';
import type { Defs, Envelope, ResolverKey } from '../contract';
import { callerFromContext } from '../access/caller';
import { authorize, requireOwnerOrBackup, type Authorized, type Policy } from '../access/policy';
import { readOwnership } from '../registry/ownership-store';
import { failureEnvelope, fail, ok } from './envelope';

type PayloadOf<K extends ResolverKey> = Parameters<Defs[K]>[0];
type DataOf<K extends ResolverKey> = ReturnType<Defs[K]> extends Envelope<infer T> ? T : never;

export interface ResolverSpec<K extends ResolverKey> {
  key: K;
  /** Who may call it; checked first, from the Forge context only. */
  policy: Policy;
  /** The payload's schema; unknown fields are refused. */
  input: z.ZodType<PayloadOf<K>>;
  /** owner-or-backup only: the registry record (identity account id) the call is about. */
  record?: (payload: PayloadOf<K>) => string;
  run(args: { payload: PayloadOf<K>; caller: Authorized; role?: 'owner' | 'backup' }): Promise<DataOf<K>>;
}

/**
 * Wraps a resolver in the envelope: access first, then input validation, then the work.
 * Every failure becomes `{ ok: false, error }`; nothing throws back to the bridge.
 */
export function defineResolver<K extends ResolverKey>(spec: ResolverSpec<K>) {
  return async (request: Request<unknown>): Promise<Envelope<DataOf<K>>> => {
    try {
      const caller = await authorize(spec.policy, callerFromContext(request.context), spec.key);
      const parsed = spec.input.safeParse(request.payload ?? {});
      if (!parsed.success) return fail('INVALID_INPUT', describeIssue(parsed.error));
      if (spec.policy === 'owner-or-backup') {
        if (!spec.record) throw new Error(`${spec.key}: an owner-or-backup resolver must name its record`);
        const role = requireOwnerOrBackup(caller, (await readOwnership(spec.record(parsed.data))).ownership, spec.key);
        return ok(await spec.run({ payload: parsed.data, caller, role }));
      }
      return ok(await spec.run({ payload: parsed.data, caller }));
    } catch (e) {
      return failureEnvelope(spec.key, e);
    }
  };
}

function describeIssue(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request is not valid.';
  const field = first.path.length ? first.path.join('.') : 'payload';
  return `${field}: ${first.message}`;
}
