/**
 * kvs.batchGet / batchSet / batchDelete. Each item succeeds or fails on its own and is reported in
 * successfulKeys / failedKeys; the whole batch is refused when it is empty, has more than 25 keys,
 * names a key twice or is over 4 MB (storage-reference/entities-batch, batchops).
 */
import type { Space } from './db';
import { badRequest, KvsError } from './errors';
import { addressOf, applyWrite, parseMetadataFields, prepareWrite, toWire, type Context } from './items';
import { BATCH_MAX_ITEMS, checkPayloadSize } from './limits';
import { asArray, asObject, optObject, type Fields } from './request';

interface BatchSuccess {
  key: string;
  entityName?: string;
  [field: string]: unknown;
}

interface BatchFailure {
  key: string;
  entityName?: string;
  error: { code: string; message: string };
}

export interface BatchResult {
  successfulKeys: BatchSuccess[];
  failedKeys: BatchFailure[];
}

type Kind = 'get' | 'set' | 'delete';

function checkBatch(rawBody: unknown, kind: Kind): Fields[] {
  const items = asArray(rawBody, 'batch request body').map((item, i) => asObject(item, `item ${i}`));
  if (items.length === 0) throw badRequest(`A batch ${kind} must contain at least one key.`);
  if (items.length > BATCH_MAX_ITEMS) throw badRequest(`A batch ${kind} can contain at most ${BATCH_MAX_ITEMS} keys; got ${items.length}.`);
  const seen = new Set<string>();
  for (const item of items) {
    const id = JSON.stringify([item.entityName ?? null, item.key]);
    if (seen.has(id)) throw badRequest(`A batch ${kind} names key '${String(item.key)}'${item.entityName ? ` of entity '${String(item.entityName)}'` : ''} more than once.`);
    seen.add(id);
  }
  checkPayloadSize(rawBody, `batch ${kind}`);
  return items;
}

function spaceOf(item: Fields): Space {
  return item.entityName === undefined || item.entityName === null ? 'kvs' : 'entity';
}

function ids(item: Fields): { key: string; entityName?: string } {
  const key = typeof item.key === 'string' ? item.key : String(item.key);
  return typeof item.entityName === 'string' ? { key, entityName: item.entityName } : { key };
}

/** Runs fn for every item in one SQLite transaction; an item's KvsError becomes its failedKeys entry. */
function runBatch(ctx: Context, items: Fields[], fn: (item: Fields) => Record<string, unknown> | void): BatchResult {
  const result: BatchResult = { successfulKeys: [], failedKeys: [] };
  ctx.table.atomic(() => {
    for (const item of items) {
      try {
        const extra = fn(item) ?? {};
        result.successfulKeys.push({ ...ids(item), ...extra });
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        result.failedKeys.push({ ...ids(item), error: { code: e.code, message: e.message } });
      }
    }
  });
  return result;
}

export function batchGet(ctx: Context, rawBody: unknown): BatchResult {
  return runBatch(ctx, checkBatch(rawBody, 'get'), (item) => {
    const { address } = addressOf(ctx, spaceOf(item), item);
    const fields = parseMetadataFields(optObject(item.options, 'options')?.metadataFields, 'options.metadataFields');
    const row = ctx.table.get(address, ctx.now());
    if (!row) throw new KvsError(404, 'KEY_NOT_FOUND', `Key '${address.key}' does not exist`);
    const { key: _key, ...rest } = toWire(row, fields);
    return rest;
  });
}

export function batchSet(ctx: Context, rawBody: unknown): BatchResult {
  return runBatch(ctx, checkBatch(rawBody, 'set'), (item) => {
    applyWrite(ctx, prepareWrite(ctx, spaceOf(item), item, false));
  });
}

export function batchDelete(ctx: Context, rawBody: unknown): BatchResult {
  return runBatch(ctx, checkBatch(rawBody, 'delete'), (item) => {
    const { address } = addressOf(ctx, spaceOf(item), item);
    if (!ctx.table.remove(address, ctx.now())) throw new KvsError(404, 'KEY_NOT_FOUND', `Key '${address.key}' does not exist`);
  });
}
