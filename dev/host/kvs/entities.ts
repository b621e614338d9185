/**
 * Custom entity definitions (manifest `app.storage.entities`) and the checks Forge applies to them:
 * entity names, attribute names, index shape, and that every stored value matches its attribute types.
 * Sources: runtime-reference/custom-entities (Limitations), storage-reference/handling-errors-customentities,
 * runtime-reference/storage-api-custom-entities (integer is 32-bit signed; float is 0 or in range).
 */
import { invalid } from './errors';

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export interface EntityDefinition {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes?: Array<string | { name: string; range: string[]; partition?: string[] }>;
}

/** An index after normalisation: a plain `- attr` index is named after, and ranged on, that attribute. */
export interface IndexDef {
  name: string;
  range: string;
  partition: string[];
}

export interface Entity {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: Map<string, IndexDef>;
}

export const ENTITY_NAME_MIN = 3;
export const ENTITY_NAME_MAX = 60;
/** handling-errors-customentities regex, plus '_' which the custom-entities page allows. */
export const ENTITY_NAME_PATTERN = /^(?![.-])(?!.*\.{2})[_a-z0-9:.-]*(?<!\.)$/;
export const ATTRIBUTE_NAME_PATTERN = /^[_A-Za-z][_0-9A-Za-z]*$/;
export const ATTRIBUTE_NAME_MAX = 64;
const INDEX_NAME_PATTERN = /^[A-Za-z0-9_.:-]+$/;
const ATTRIBUTE_TYPES: readonly AttributeType[] = ['string', 'integer', 'float', 'boolean', 'any'];
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
// Float range as in DynamoDB, on which the entity store's number limits are modelled (inferred).
const FLOAT_MIN_MAGNITUDE = 1e-130;
const FLOAT_MAX_MAGNITUDE = 9.9999999999999999999999999999999999999e125;

/** Request-time check of an entity name, with Forge's codes. */
export function checkEntityName(name: string): void {
  if (name.length < ENTITY_NAME_MIN) {
    throw invalid('ENTITY_TYPE_TOO_SHORT', `The entity name '${name}' is too short: it needs at least ${ENTITY_NAME_MIN} characters.`);
  }
  if (name.length > ENTITY_NAME_MAX) {
    throw invalid('ENTITY_TYPE_TOO_LARGE', `The entity name '${name.slice(0, 70)}…' has exceeded the maximum ${ENTITY_NAME_MAX} characters.`);
  }
  if (!ENTITY_NAME_PATTERN.test(name)) {
    throw invalid('INVALID_ENTITY_TYPE', `The entity name '${name}' does not match the regex: ${ENTITY_NAME_PATTERN.source}`);
  }
}

/** Validates the manifest definitions once, at open; a bad manifest is a startup error, not a 400. */
export function compileEntities(defs: readonly EntityDefinition[]): Map<string, Entity> {
  const out = new Map<string, Entity>();
  for (const def of defs) {
    const where = `manifest.yml app.storage.entities '${def.name}'`;
    try {
      checkEntityName(def.name);
    } catch (e) {
      throw new Error(`${where}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (out.has(def.name)) throw new Error(`${where}: the entity name is declared twice.`);
    const attributes = new Map<string, AttributeType>();
    for (const [attr, spec] of Object.entries(def.attributes ?? {})) {
      if (!ATTRIBUTE_NAME_PATTERN.test(attr) || attr.length > ATTRIBUTE_NAME_MAX) {
        throw new Error(`${where}: attribute '${attr}' must match ${ATTRIBUTE_NAME_PATTERN.source} and be at most ${ATTRIBUTE_NAME_MAX} characters.`);
      }
      if (!ATTRIBUTE_TYPES.includes(spec?.type)) {
        throw new Error(`${where}: attribute '${attr}' has type '${String(spec?.type)}'; use one of ${ATTRIBUTE_TYPES.join(', ')}.`);
      }
      attributes.set(attr, spec.type);
    }
    const indexes = new Map<string, IndexDef>();
    for (const raw of def.indexes ?? []) {
      const index: IndexDef = typeof raw === 'string' ? { name: raw, range: raw, partition: [] } : normaliseIndex(raw, where);
      if (!INDEX_NAME_PATTERN.test(index.name)) throw new Error(`${where}: index name '${index.name}' must match ${INDEX_NAME_PATTERN.source}.`);
      if (indexes.has(index.name)) throw new Error(`${where}: index '${index.name}' is declared twice.`);
      for (const attr of [index.range, ...index.partition]) {
        const type = attributes.get(attr);
        if (type === undefined) throw new Error(`${where}: index '${index.name}' uses attribute '${attr}', which is not declared.`);
        if (type === 'any') throw new Error(`${where}: index '${index.name}' uses attribute '${attr}' of type 'any', which cannot be indexed.`);
      }
      indexes.set(index.name, index);
    }
    out.set(def.name, { name: def.name, attributes, indexes });
  }
  return out;
}

function normaliseIndex(raw: { name: string; range: string[]; partition?: string[] }, where: string): IndexDef {
  // One range attribute is what the query API can address (`where` takes one condition).
  if (!Array.isArray(raw.range) || raw.range.length !== 1 || typeof raw.range[0] !== 'string') {
    throw new Error(`${where}: index '${raw.name}' must have exactly one range attribute.`);
  }
  return { name: raw.name, range: raw.range[0], partition: raw.partition ?? [] };
}

/** Request-time lookup: the name must be valid and declared. */
export function resolveEntity(entities: Map<string, Entity>, name: unknown): Entity {
  if (typeof name !== 'string') throw invalid('BAD_REQUEST', 'entityName must be a string');
  checkEntityName(name);
  const entity = entities.get(name);
  if (!entity) {
    const known = [...entities.keys()].join(', ') || 'none';
    throw invalid('INVALID_ENTITY_TYPE', `The entity '${name}' is not declared in manifest.yml (app.storage.entities; declared: ${known}).`);
  }
  return entity;
}

export function resolveIndex(entity: Entity, name: unknown): IndexDef {
  const index = typeof name === 'string' ? entity.indexes.get(name) : undefined;
  if (!index) {
    const known = [...entity.indexes.keys()].join(', ') || 'none';
    throw invalid('INVALID_ENTITY_INDEX', `The index '${String(name)}' is not declared for entity '${entity.name}' (declared: ${known}).`);
  }
  return index;
}

/** A stored entity value is an object whose attributes are all declared and of the declared type. */
export function checkEntityValue(entity: Entity, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('INVALID_ENTITY_VALUE', `A value of entity '${entity.name}' must be an object of its attributes.`);
  }
  for (const [attr, v] of Object.entries(value)) {
    const type = entity.attributes.get(attr);
    if (type === undefined) {
      throw invalid('INVALID_ENTITY_VALUE', `Attribute '${attr}' is not declared for entity '${entity.name}' in manifest.yml.`);
    }
    if (v === null || v === undefined) continue; // an absent attribute
    if (!matchesType(type, v)) {
      throw invalid('INVALID_ENTITY_VALUE', `Attribute '${attr}' of entity '${entity.name}' must be ${describeType(type)}; got ${JSON.stringify(v)}.`);
    }
  }
}

export function matchesType(type: AttributeType, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX;
    case 'float': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return false;
      const m = Math.abs(v);
      return m === 0 || (m >= FLOAT_MIN_MAGNITUDE && m <= FLOAT_MAX_MAGNITUDE);
    }
    case 'any':
      return true;
  }
}

function describeType(type: AttributeType): string {
  if (type === 'integer') return `a 32-bit signed integer (${INT32_MIN}..${INT32_MAX})`;
  if (type === 'float') return 'a float: 0, or of magnitude 1e-130..9.99e125';
  return `a ${type}`;
}
