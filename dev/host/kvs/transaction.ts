/**
 * kvs.transact(): sets, deletes and checks that are all applied or none (storage-reference/transactions,
 * transactions-entities). Everything is validated first; then, inside one SQLite transaction, every
 * entity condition is evaluated before anything is written, so a failed condition writes nothing.
 */
import type { Address } from './db';
import { checkEntityValue, resolveEntity } from './entities';
import { badRequest, invalid, KvsError } from './errors';
import { matchesGroup, parseFilterGroup, type FilterGroup } from './filters';
import { expiryFrom, checkPayloadSize, serializeValue, TRANSACTION_MAX_OPERATIONS, validateKey } from './limits';
import type { Context } from './items';
import { asObject, optArray, optObject, type Fields } from './request';

type Op =
  | { kind: 'set'; address: Address; conditions?: FilterGroup; json: string; expireAt: number | null }
  | { kind: 'delete'; address: Address; conditions?: FilterGroup }
  | { kind: 'check'; address: Address; conditions: FilterGroup };

/** Code for a failed condition. Not in Forge's error tables; the code apps are seen matching on. */
export const CONDITION_FAILED_CODE = 'CONDITIONAL_CHECK_FAILED';

function parseOp(ctx: Context, kind: Op['kind'], item: Fields, where: string): Op {
  const hasEntity = item.entityName !== undefined && item.entityName !== null;
  const entity = hasEntity ? resolveEntity(ctx.entities, item.entityName) : undefined;
  const address: Address = entity
    ? { space: 'entity', entity: entity.name, key: validateKey(item.key, true) }
    : { space: 'kvs', entity: '', key: validateKey(item.key, false) };
  const rawConditions = item.conditions;
  let conditions: FilterGroup | undefined;
  if (rawConditions !== undefined && rawConditions !== null) {
    if (!entity) throw badRequest(`${where}: conditions are only supported on custom entities (give entityName).`);
    conditions = parseFilterGroup(rawConditions, entity, `${where}.conditions`);
  }
  if (kind === 'check') {
    if (!entity || !conditions) throw badRequest(`${where}: a check needs entityName and conditions.`);
    return { kind, address, conditions };
  }
  if (kind === 'delete') return { kind, address, conditions };
  const json = serializeValue(item.value);
  if (entity) checkEntityValue(entity, item.value);
  const expireAt = expiryFrom(optObject(item.options, `${where}.options`)?.ttl, ctx.now());
  return { kind, address, conditions, json, expireAt };
}

function parseTransaction(ctx: Context, rawBody: unknown): Op[] {
  const body = asObject(rawBody, 'request body');
  const groups: Array<[Op['kind'], unknown[]]> = [
    ['set', optArray(body.set, 'set') ?? []],
    ['delete', optArray(body.delete, 'delete') ?? []],
    ['check', optArray(body.check, 'check') ?? []],
  ];
  const count = groups.reduce((n, [, list]) => n + list.length, 0);
  if (count === 0) throw badRequest('A transaction needs at least one operation.');
  if (count > TRANSACTION_MAX_OPERATIONS) {
    throw invalid('TOO_MANY_OPERATIONS', `A transaction can contain at most ${TRANSACTION_MAX_OPERATIONS} operations; this one has ${count}.`);
  }
  checkPayloadSize(rawBody, 'transaction');
  const ops: Op[] = [];
  const seen = new Set<string>();
  for (const [kind, list] of groups) {
    list.forEach((raw, i) => {
      const op = parseOp(ctx, kind, asObject(raw, `${kind}[${i}]`), `${kind}[${i}]`);
      const id = JSON.stringify([op.address.entity, op.address.key]);
      if (seen.has(id)) {
        const of = op.address.entity ? ` of entity '${op.address.entity}'` : '';
        throw invalid('DUPLICATE_KEY', `Key '${op.address.key}'${of} is used by more than one operation; a transaction can use each key only once.`);
      }
      seen.add(id);
      ops.push(op);
    });
  }
  return ops;
}

export function transact(ctx: Context, rawBody: unknown): void {
  const ops = parseTransaction(ctx, rawBody);
  ctx.table.atomic(() => {
    const now = ctx.now();
    for (const op of ops) {
      if (!op.conditions) continue;
      const current = ctx.table.get(op.address, now);
      if (!matchesGroup(op.conditions, current?.value)) {
        throw new KvsError(409, CONDITION_FAILED_CODE, `Transaction cancelled: the conditions of the ${op.kind} on key '${op.address.key}' of entity '${op.address.entity}' are not met; nothing was written.`, {
          key: op.address.key,
          entityName: op.address.entity,
        });
      }
    }
    for (const op of ops) {
      if (op.kind === 'set') ctx.table.put(op.address, op.json, now, op.expireAt);
      else if (op.kind === 'delete') ctx.table.remove(op.address, now);
    }
  });
}
