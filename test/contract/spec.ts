// Jira Cloud platform REST API v3, the official OpenAPI spec (https://dac-static.atlassian.com/cloud/jira/platform/swagger-v3.v3.json), vendored 2026-12-03 as jira-platform-rest-v3.openapi.json beside this file.
// The official Jira Cloud platform REST v3 OpenAPI spec as a contract: find the operation for a
// concrete request, and validate a response body against the spec's schemas (Ajv 8, OpenAPI 3.0
// `nullable` turned into JSON Schema).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type JsonObject = { [key: string]: unknown };

export interface SpecOperation {
  method: string;
  /** The spec's path template, e.g. /rest/api/3/project/{projectIdOrKey}. */
  template: string;
  operationId: string;
}

/**
 * Where the spec's own examples contradict its schemas, the examples (and live sites) win. Every
 * such exception lives here, and only here.
 */
export const SPEC_EXCEPTIONS: ReadonlyArray<{ schema: string; addProperties: JsonObject; why: string }> = [
  {
    schema: 'AuditRecordBean',
    addProperties: { authorAccountId: { type: 'string' } },
    why: 'getAuditRecords example records carry authorAccountId; the schema (additionalProperties: false) lacks it.',
  },
  {
    schema: 'RoleActor',
    addProperties: { user: { type: 'string' } },
    why: 'getProjectRole/getAllProjectRoles examples give group actors a `user` (the group name); the schema (additionalProperties: false) lacks it.',
  },
];

const here = dirname(fileURLToPath(import.meta.url));

/** The vendored spec, inside the repository. */
const SPEC_FILE = resolve(here, 'jira-platform-rest-v3.openapi.json');

export function specPath(): string {
  const candidates = [process.env.JIRA_OPENAPI_SPEC, SPEC_FILE].filter((p): p is string => typeof p === 'string');
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Jira OpenAPI spec not found; looked in: ${candidates.join(', ')} (set JIRA_OPENAPI_SPEC)`);
  return found;
}

interface LoadedSpec {
  paths: Record<string, Record<string, JsonObject>>;
  ajv: Ajv;
  templates: Array<{ template: string; regex: RegExp; literals: number }>;
  validators: Map<string, ValidateFunction>;
}

let loaded: LoadedSpec | undefined;

function load(): LoadedSpec {
  if (loaded) return loaded;
  const spec = JSON.parse(readFileSync(specPath(), 'utf8')) as { paths: LoadedSpec['paths']; components: { schemas: Record<string, JsonObject> } };
  const schemas = toJsonSchema(spec.components.schemas) as Record<string, JsonObject>;
  for (const ex of SPEC_EXCEPTIONS) {
    const target = schemas[ex.schema];
    if (!target) throw new Error(`spec exception names a missing schema ${ex.schema}`);
    target.properties = { ...(target.properties as JsonObject), ...ex.addProperties };
  }
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  for (const f of collectFormats(schemas)) if (!ajv.formats[f]) ajv.addFormat(f, true);
  ajv.addSchema({ $id: 'jira.json', components: { schemas } });
  const templates = Object.keys(spec.paths).map((template) => {
    const parts = template.split('/');
    const pattern = parts.map((p) => (p.startsWith('{') ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
    return { template, regex: new RegExp(`^${pattern}$`), literals: parts.filter((p) => !p.startsWith('{')).length };
  });
  templates.sort((a, b) => b.literals - a.literals);
  loaded = { paths: spec.paths, ajv, templates, validators: new Map() };
  return loaded;
}

/** The spec operation a concrete request would hit, or null if the spec has none. */
export function findOperation(method: string, concretePath: string): SpecOperation | null {
  const { paths, templates } = load();
  const m = method.toLowerCase();
  for (const t of templates) {
    if (!t.regex.test(concretePath)) continue;
    const op = paths[t.template]?.[m];
    if (op && typeof op === 'object') return { method: method.toUpperCase(), template: t.template, operationId: String(op.operationId ?? '') };
  }
  return null;
}

/** Errors of a response against the spec (empty when it conforms). */
export function validateResponse(method: string, concretePath: string, status: number, body: unknown): string[] {
  const op = findOperation(method, concretePath);
  if (!op) return [`no spec operation for ${method} ${concretePath}`];
  const spec = load();
  const operation = spec.paths[op.template]?.[method.toLowerCase()] as { responses?: Record<string, { content?: Record<string, { schema?: JsonObject }> }> };
  const response = operation.responses?.[String(status)] ?? operation.responses?.default;
  if (!response) return [`status ${status} is not documented for ${op.operationId}`];
  const schema = response.content?.['application/json']?.schema ?? Object.values(response.content ?? {})[0]?.schema;
  // No documented body (e.g. 204, or errors the spec leaves undescribed): nothing to check.
  if (!schema || Object.keys(schema).length === 0) return [];
  const key = `${op.operationId} ${status}`;
  let validate = spec.validators.get(key);
  if (!validate) {
    validate = spec.ajv.compile(toJsonSchema(schema) as JsonObject);
    spec.validators.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `${op.operationId} ${status}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** OpenAPI 3.0 → JSON Schema: `nullable`, and $refs pointed at the registered components. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const src = node as JsonObject;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace(/^#\//, 'jira.json#/');
    else if (k === 'nullable' || k === 'example' || k === 'xml' || k === 'discriminator') continue;
    else out[k] = toJsonSchema(v);
  }
  if (src.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

function collectFormats(node: unknown, acc = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => collectFormats(n, acc));
  else if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'format' && typeof v === 'string') acc.add(v);
      else collectFormats(v, acc);
    }
  }
  return acc;
}
