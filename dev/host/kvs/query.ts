/**
 * kvs.query() (plain keys, `where key beginsWith`) and custom entity index queries.
 * Both page in a stable order with a keyset cursor: plain keys by key; entities by the index's
 * range attribute, then key. Partition, range and cursor run in SQL; filters run on the rows
 * read, and a page is filled with matching rows (rows failing a filter do not count to the limit).
 */
import type { RawRow } from './db';
import { toRow } from './db';
import { attributeSql, entityNameSql } from './sql-indexes';
import { decodeCursor, encodeCursor } from './cursor';
import { resolveEntity, resolveIndex, matchesType, type Entity, type IndexDef } from './entities';
import { badRequest, invalid } from './errors';
import { matchesGroup, parseCondition, parseFilterGroup, RANGE_CONDITIONS, type FilterGroup, type Scalar } from './filters';
import { ENTITY_QUERY_DEFAULT_LIMIT, ENTITY_QUERY_MAX_LIMIT, KVS_QUERY_DEFAULT_LIMIT, KVS_QUERY_MAX_LIMIT } from './limits';
import { toWire, parseMetadataFields, type Context, type WireItem } from './items';
import { asObject, optArray, optEnum, optNumber, optObject } from './request';

export interface Page {
  data: WireItem[];
  cursor?: string;
}

const COLUMNS = 'key, value, created_at, updated_at, expire_at';

export function queryKvs(ctx: Context, rawBody: unknown): Page {
  const body = asObject(rawBody, 'request body');
  const limit = optNumber(body.limit, 'limit') ?? KVS_QUERY_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > KVS_QUERY_MAX_LIMIT) {
    throw invalid('LIST_QUERY_LIMIT_EXCEEDED', `Limit for list query must be between 1 and ${KVS_QUERY_MAX_LIMIT}; got ${limit}.`);
  }
  const fields = parseMetadataFields(optObject(body.options, 'options')?.metadataFields, 'options.metadataFields');
  const prefix = parseWhere(body.where);
  const after = decodeCursor(body.after, 'kvs')?.key;

  const sql = [`SELECT ${COLUMNS} FROM kvs_items WHERE space = 'kvs' AND entity = '' AND (expire_at IS NULL OR expire_at > @now)`];
  if (prefix !== undefined) sql.push('AND substr(key, 1, length(@prefix)) = @prefix');
  if (after !== undefined) sql.push('AND key > @after');
  sql.push('ORDER BY key LIMIT @take');
  const rows = ctx.table.db.prepare(sql.join(' ')).all({ now: ctx.now(), prefix, after, take: limit + 1 }) as RawRow[];
  const page = rows.slice(0, limit).map((r) => toWire(toRow(r), fields));
  const last = page[page.length - 1];
  return rows.length > limit && last ? { data: page, cursor: encodeCursor({ scope: 'kvs', key: last.key }) } : { data: page };
}

/** kvs.query supports a single `where key BEGINS_WITH x` (handling-errors-kvs QUERY_WHERE_*). */
function parseWhere(raw: unknown): string | undefined {
  const where = optArray(raw, 'where');
  if (!where || where.length === 0) return undefined;
  if (where.length > 1) throw invalid('QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
  const clause = asObject(where[0], 'where[0]');
  if (clause.property !== 'key') {
    throw invalid('QUERY_WHERE_FIELD_INVALID', `The field '${String(clause.property)}' is not supported for filters; KVS queries filter on 'key' only.`);
  }
  const { values } = parseCondition(clause, ['BEGINS_WITH'] as const, 'where[0]');
  return String(values[0]);
}

/** SQLite has no boolean: JSON true/false come out of json_extract as 1/0. */
function sqlScalar(v: Scalar): string | number {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

function checkIndexValue(entity: Entity, attr: string, v: Scalar, what: string): void {
  const type = entity.attributes.get(attr);
  if (type === undefined || !matchesType(type, v)) {
    throw invalid('INVALID_FILTER_VALUES', `${what}: ${JSON.stringify(v)} does not match attribute '${attr}' of type ${String(type)}.`);
  }
}

interface EntityQuery {
  entity: Entity;
  index: IndexDef;
  partition: Scalar[];
  range?: { condition: string; values: Scalar[] };
  filters?: FilterGroup;
  sort: 'ASC' | 'DESC';
  limit: number;
  scope: string;
}

function parseEntityQuery(ctx: Context, body: Record<string, unknown>): EntityQuery {
  const entity = resolveEntity(ctx.entities, body.entityName);
  const index = resolveIndex(entity, body.indexName);
  const limit = optNumber(body.limit, 'limit') ?? ENTITY_QUERY_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > ENTITY_QUERY_MAX_LIMIT) {
    throw invalid('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be set between 1 and ${ENTITY_QUERY_MAX_LIMIT}; got ${limit}.`);
  }
  const partition = (optArray(body.partition, 'partition') ?? []) as Scalar[];
  if (partition.length !== index.partition.length) {
    throw badRequest(`index '${index.name}' of entity '${entity.name}' takes ${index.partition.length} partition value(s) [${index.partition.join(', ')}]; got ${partition.length}`);
  }
  partition.forEach((v, i) => checkIndexValue(entity, index.partition[i] as string, v, `partition[${i}]`));
  let range: EntityQuery['range'];
  if (body.range !== undefined && body.range !== null) {
    range = parseCondition(body.range, RANGE_CONDITIONS, 'range');
    if (range.condition === 'BEGINS_WITH' && entity.attributes.get(index.range) !== 'string') {
      throw invalid('INVALID_FILTER_CONDITION', `range: BEGINS_WITH needs a string range attribute; '${index.range}' is ${String(entity.attributes.get(index.range))}.`);
    }
    if (range.condition !== 'BEGINS_WITH') range.values.forEach((v) => checkIndexValue(entity, index.range, v, 'range'));
  }
  const filters = body.filters === undefined || body.filters === null ? undefined : parseFilterGroup(body.filters, entity, 'filters');
  const sort = optEnum(body.sort, ['ASC', 'DESC'] as const, 'sort') ?? 'ASC';
  return { entity, index, partition, range, filters, sort, limit, scope: `entity/${entity.name}/${index.name}/${sort}` };
}

const RANGE_SQL: Record<string, string> = {
  EQUAL_TO: 'r = @v0',
  GREATER_THAN: 'r > @v0',
  GREATER_THAN_EQUAL_TO: 'r >= @v0',
  LESS_THAN: 'r < @v0',
  LESS_THAN_EQUAL_TO: 'r <= @v0',
  BETWEEN: 'r BETWEEN @v0 AND @v1',
  BEGINS_WITH: 'substr(r, 1, length(@v0)) = @v0',
};

export function queryEntity(ctx: Context, rawBody: unknown): Page {
  const body = asObject(rawBody, 'request body');
  const q = parseEntityQuery(ctx, body);
  const fields = parseMetadataFields(optObject(body.options, 'options')?.metadataFields, 'options.metadataFields');
  const after = decodeCursor(body.cursor, q.scope);

  const params: Record<string, string | number> = { now: ctx.now() };
  // The inner query exposes the range value as `r`; rows without it are not in the index (sparse).
  // Paths are inlined (attribute names are validated) so SQLite can use the index from sqlIndexes.ts.
  const where = ['r IS NOT NULL'];
  q.index.partition.forEach((attr, i) => {
    params[`p${i}`] = sqlScalar(q.partition[i] as Scalar);
    where.push(`${attributeSql(attr)} = @p${i}`);
  });
  if (q.range) {
    q.range.values.forEach((v, i) => (params[`v${i}`] = q.range?.condition === 'BEGINS_WITH' ? String(v) : sqlScalar(v)));
    where.push(RANGE_SQL[q.range.condition] as string);
  }
  if (after) {
    if (after.sortValue === undefined) throw badRequest('cursor is not a cursor this store returned');
    params.cr = after.sortValue;
    params.ck = after.key;
    where.push(q.sort === 'ASC' ? '(r > @cr OR (r = @cr AND key > @ck))' : '(r < @cr OR (r = @cr AND key < @ck))');
  }
  const sql =
    `SELECT * FROM (SELECT ${COLUMNS}, ${attributeSql(q.index.range)} AS r FROM kvs_items ` +
    `WHERE space = 'entity' AND entity = ${entityNameSql(q.entity.name)} AND (expire_at IS NULL OR expire_at > @now)) ` +
    `WHERE ${where.join(' AND ')} ORDER BY r ${q.sort}, key ${q.sort}`;

  const page: Array<{ item: WireItem; r: string | number }> = [];
  let more = false;
  for (const raw of ctx.table.db.prepare(sql).iterate(params) as IterableIterator<RawRow & { r: string | number }>) {
    const row = toRow(raw);
    if (q.filters && !matchesGroup(q.filters, row.value)) continue;
    if (page.length === q.limit) {
      more = true;
      break; // leaving the loop closes the statement
    }
    page.push({ item: toWire(row, fields), r: raw.r });
  }
  const last = page[page.length - 1];
  const data = page.map((p) => p.item);
  return more && last ? { data, cursor: encodeCursor({ scope: q.scope, key: last.item.key, sortValue: last.r }) } : { data };
}
