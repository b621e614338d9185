/**
 * Conditions on entity attributes: query filters (`.filters(...)`) and transaction conditions share
 * one wire shape, `{ and: [...] }` or `{ or: [...] }` of `{ property, condition, values }`.
 * Validation uses the codes of handling-errors-customentities / handling-errors-kvs.
 */
import { invalid } from './errors';
import type { Entity } from './entities';
import { asObject } from './request';

export type FilterCondition =
  | 'BEGINS_WITH' | 'BETWEEN' | 'CONTAINS' | 'NOT_CONTAINS' | 'EQUAL_TO' | 'NOT_EQUAL_TO'
  | 'EXISTS' | 'NOT_EXISTS' | 'GREATER_THAN' | 'GREATER_THAN_EQUAL_TO' | 'LESS_THAN' | 'LESS_THAN_EQUAL_TO';

export type RangeCondition = Exclude<FilterCondition, 'CONTAINS' | 'NOT_CONTAINS' | 'NOT_EQUAL_TO' | 'EXISTS' | 'NOT_EXISTS'>;

export type Scalar = string | number | boolean;

export interface Filter {
  property: string;
  condition: FilterCondition;
  values: Scalar[];
}

export interface FilterGroup {
  operator: 'and' | 'or';
  filters: Filter[];
}

export const FILTER_CONDITIONS: readonly FilterCondition[] = [
  'BEGINS_WITH', 'BETWEEN', 'CONTAINS', 'NOT_CONTAINS', 'EQUAL_TO', 'NOT_EQUAL_TO',
  'EXISTS', 'NOT_EXISTS', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO',
];

export const RANGE_CONDITIONS: readonly RangeCondition[] = [
  'BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO',
];

/** Checks a condition's name and value count; shared by filters and the index range (`where`). */
export function parseCondition<C extends FilterCondition>(raw: unknown, allowed: readonly C[], what: string): { condition: C; values: Scalar[] } {
  const o = asObject(raw, what);
  const condition = o.condition;
  if (typeof condition !== 'string' || !(allowed as readonly string[]).includes(condition)) {
    throw invalid('INVALID_FILTER_CONDITION', `${what}: condition '${String(condition)}' is not supported here; use one of ${allowed.join(', ')}.`);
  }
  const values = o.values;
  if (!Array.isArray(values)) throw invalid('INVALID_FILTER_VALUES', `${what}: values must be an array.`);
  const need = condition === 'BETWEEN' ? 2 : 1;
  if (condition === 'BETWEEN' && values.length < 2) {
    throw invalid('INSUFFICIENT_FILTER_VALUES', `${what}: the condition BETWEEN needs two values.`);
  }
  if (values.length !== need) {
    throw invalid('INVALID_FILTER_VALUES', `${what}: the condition ${condition} takes ${need} value(s), got ${values.length}.`);
  }
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw invalid('INVALID_FILTER_VALUES', `${what}: values must be strings, numbers or booleans; got ${JSON.stringify(v)}.`);
    }
  }
  return { condition: condition as C, values: values as Scalar[] };
}

/** Parses `{ and: [...] }` / `{ or: [...] }`; every property must be a declared attribute. */
export function parseFilterGroup(raw: unknown, entity: Entity, what: string): FilterGroup {
  const o = asObject(raw, what);
  const hasAnd = o.and !== undefined && o.and !== null;
  const hasOr = o.or !== undefined && o.or !== null;
  if (hasAnd && hasOr) {
    throw invalid('INVALID_FILTER_OPERATORS_COMBINATION', `${what}: filter operators "and" and "or" cannot be present at the same level.`);
  }
  const operator = hasAnd ? 'and' : 'or';
  const list = o[operator];
  if (!Array.isArray(list) || list.length === 0) {
    throw invalid('EMPTY_FILTER_OPERATOR', `${what}: filter operators "and" and "or" cannot be empty.`);
  }
  const filters = list.map((item, i): Filter => {
    const where = `${what}.${operator}[${i}]`;
    const { condition, values } = parseCondition(item, FILTER_CONDITIONS, where);
    const property = asObject(item, where).property;
    if (typeof property !== 'string' || !entity.attributes.has(property)) {
      throw invalid('QUERY_WHERE_FIELD_INVALID', `${where}: '${String(property)}' is not an attribute of entity '${entity.name}'.`);
    }
    return { property, condition, values };
  });
  return { operator, filters };
}

/** Evaluates a group on a stored value; a missing entity is evaluated as `{}` (every attribute absent). */
export function matchesGroup(group: FilterGroup, value: unknown): boolean {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const test = (f: Filter): boolean => matches(f.condition, f.values, record[f.property]);
  return group.operator === 'and' ? group.filters.every(test) : group.filters.some(test);
}

export function matches(condition: FilterCondition, values: Scalar[], actual: unknown): boolean {
  const present = actual !== undefined && actual !== null;
  const [a, b] = values;
  switch (condition) {
    case 'EXISTS':
      return present;
    case 'NOT_EXISTS':
      return !present;
    case 'EQUAL_TO':
      return present && actual === a;
    case 'NOT_EQUAL_TO':
      return actual !== a; // an absent attribute is "not equal", as in DynamoDB's <>
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(a));
    case 'CONTAINS':
      return contains(actual, a);
    case 'NOT_CONTAINS':
      return !contains(actual, a);
    case 'BETWEEN':
      return compare(actual, a) >= 0 && compare(actual, b) <= 0 && comparable(actual, a) && comparable(actual, b);
    case 'GREATER_THAN':
      return comparable(actual, a) && compare(actual, a) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return comparable(actual, a) && compare(actual, a) >= 0;
    case 'LESS_THAN':
      return comparable(actual, a) && compare(actual, a) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return comparable(actual, a) && compare(actual, a) <= 0;
  }
}

function contains(actual: unknown, needle: Scalar | undefined): boolean {
  if (typeof actual === 'string') return actual.includes(String(needle));
  if (Array.isArray(actual)) return actual.includes(needle);
  return false;
}

/** Order comparisons only between two numbers or two strings; anything else never matches. */
function comparable(x: unknown, y: unknown): boolean {
  return (typeof x === 'number' && typeof y === 'number') || (typeof x === 'string' && typeof y === 'string');
}

function compare(x: unknown, y: unknown): number {
  if (!comparable(x, y)) return Number.NaN;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  // Code-unit order, like SQLite's BINARY collation on the same ASCII keys.
  return (x as string) < (y as string) ? -1 : (x as string) > (y as string) ? 1 : 0;
}
