import type { Request } from '@forge/resolver';
import type { z } from 'zod';
import { fieldLabel, type Defs, type Envelope, type FieldProblem, type ResolverKey } from '../contract';
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
      if (!parsed.success) {
        // The message names the first problem by its payload path (for logs and API callers); `fields`
        // carries every problem with its name for people, which the pages show.
        const problems = describeIssues(parsed.error);
        const first = problems[0];
        return fail('INVALID_INPUT', first ? `${first.field}: ${first.message}` : 'The request is not valid.', problems);
      }
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

/** Every problem, once per field, under the field's name for people (FIELD_LABELS). */
function describeIssues(error: z.ZodError): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    const field = path.length ? path.join('.') : 'payload';
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, label: path.length ? fieldLabel(path) : 'Request', message: issue.message });
  }
  return out.length ? out : [{ field: 'payload', label: 'Request', message: 'is not valid' }];
}
