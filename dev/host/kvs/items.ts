/**
 * Single-key operations shared by plain keys, secrets and custom entities: get, set (with keyPolicy,
 * returnValue, ttl) and delete, plus the metadata fields the package asks for.
 */
import type { Address, Row, Space, Table } from './db';
import { checkEntityValue, resolveEntity, type Entity } from './entities';
import { badRequest, KvsError, keyNotFound } from './errors';
import { expiryFrom, serializeValue, validateKey } from './limits';
import { asObject, optArray, optEnum, optObject, type Fields } from './request';

export type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';
const METADATA_FIELDS: readonly MetadataField[] = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];

/** What every operation needs: the table, the declared entities and the clock. */
export interface Context {
  table: Table;
  entities: Map<string, Entity>;
  now: () => number;
}

/** A row as the package expects it: key, value and only the metadata fields that were asked for. */
export interface WireItem {
  key: string;
  value: unknown;
  entityName?: string;
  createdAt?: number;
  updatedAt?: number;
  expireTime?: string;
}

export function parseMetadataFields(raw: unknown, what: string): MetadataField[] {
  const list = optArray(raw, what) ?? [];
  return list.map((f, i) => optEnum(f, METADATA_FIELDS, `${what}[${i}]`) as MetadataField);
}

export function toWire(row: Row, fields: readonly MetadataField[]): WireItem {
  const out: WireItem = { key: row.key, value: row.value };
  if (fields.includes('CREATED_AT')) out.createdAt = row.createdAt;
  if (fields.includes('UPDATED_AT')) out.updatedAt = row.updatedAt;
  if (fields.includes('EXPIRE_TIME') && row.expireAt !== null) out.expireTime = new Date(row.expireAt).toISOString();
  return out;
}

/** Validates the address of a request: key rules, and for entities a declared entity name. */
export function addressOf(ctx: Context, space: Space, body: Fields): { address: Address; entity?: Entity } {
  if (space === 'entity') {
    const entity = resolveEntity(ctx.entities, body.entityName);
    return { address: { space, entity: entity.name, key: validateKey(body.key, true) }, entity };
  }
  return { address: { space, entity: '', key: validateKey(body.key, false) } };
}

export function getItem(ctx: Context, space: Space, rawBody: unknown): WireItem {
  const body = asObject(rawBody, 'request body');
  const { address } = addressOf(ctx, space, body);
  const options = optObject(body.options, 'options');
  const fields = parseMetadataFields(options?.metadataFields, 'options.metadataFields');
  const row = ctx.table.get(address, ctx.now());
  if (!row) throw keyNotFound(address.key, address.entity || undefined);
  return toWire(row, fields);
}

/** Parsed write options; used by set, batch set and transaction set (the last two only have ttl). */
export interface WriteOptions {
  expireAt: number | null;
  failIfExists: boolean;
  returnValue?: 'PREVIOUS' | 'LATEST';
  returnFields: MetadataField[];
}

export function parseWriteOptions(raw: unknown, now: number, allowPolicy: boolean): WriteOptions {
  const options = optObject(raw, 'options') ?? {};
  const expireAt = expiryFrom(options.ttl, now);
  if (!allowPolicy) {
    if (options.keyPolicy !== undefined || options.returnValue !== undefined) throw badRequest('keyPolicy and returnValue are not supported in this operation');
    return { expireAt, failIfExists: false, returnFields: [] };
  }
  const keyPolicy = optEnum(options.keyPolicy, ['OVERRIDE', 'FAIL_IF_EXISTS'] as const, 'options.keyPolicy');
  const returnValue = optEnum(options.returnValue, ['PREVIOUS', 'LATEST'] as const, 'options.returnValue');
  if (returnValue && keyPolicy === 'FAIL_IF_EXISTS') throw badRequest("options.returnValue needs keyPolicy 'OVERRIDE'");
  const returnFields = parseMetadataFields(options.returnMetadataFields, 'options.returnMetadataFields');
  return { expireAt, failIfExists: keyPolicy === 'FAIL_IF_EXISTS', returnValue, returnFields };
}

/** Validates everything about a write before touching the table. */
export function prepareWrite(ctx: Context, space: Space, body: Fields, allowPolicy: boolean): { address: Address; json: string; options: WriteOptions } {
  const { address, entity } = addressOf(ctx, space, body);
  const json = serializeValue(body.value);
  if (entity) checkEntityValue(entity, body.value);
  return { address, json, options: parseWriteOptions(body.options, ctx.now(), allowPolicy) };
}

/** Performs a prepared write; answers with the previous or latest row when returnValue asks for it. */
export function applyWrite(ctx: Context, w: { address: Address; json: string; options: WriteOptions }): WireItem | undefined {
  const now = ctx.now();
  if (w.options.failIfExists && ctx.table.get(w.address, now)) {
    throw new KvsError(409, 'KEY_CONFLICT', `Key '${w.address.key}' already exists and keyPolicy is FAIL_IF_EXISTS`);
  }
  const { previous, row } = ctx.table.put(w.address, w.json, now, w.options.expireAt);
  if (w.options.returnValue === 'LATEST') return toWire(row, w.options.returnFields);
  if (w.options.returnValue === 'PREVIOUS' && previous) return toWire(previous, w.options.returnFields);
  return undefined;
}

export function setItem(ctx: Context, space: Space, rawBody: unknown): WireItem | undefined {
  const write = prepareWrite(ctx, space, asObject(rawBody, 'request body'), true);
  return ctx.table.atomic(() => applyWrite(ctx, write));
}

export function deleteItem(ctx: Context, space: Space, rawBody: unknown): void {
  const { address } = addressOf(ctx, space, asObject(rawBody, 'request body'));
  // Forge answers KEY_NOT_FOUND for a missing key; @forge/kvs turns that into a quiet success.
  if (!ctx.table.remove(address, ctx.now())) throw keyNotFound(address.key, address.entity || undefined);
}
