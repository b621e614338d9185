import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The parts of manifest.yml the local host acts on. */
export interface HostManifest {
  appId: string;
  scopes: string[];
  /** permissions.content.styles has 'unsafe-inline' (Custom UI may use inline styles). */
  inlineStyles: boolean;
  /** permissions.external.images: the addresses Custom UI may load images from (Forge adds them to img-src). */
  externalImages: string[];
  /** function key -> handler ("index.handler" -> module "index", export "handler") and timeout. */
  functions: Map<string, { module: string; exportName: string; timeoutSeconds: number }>;
  /** Custom UI modules: module key -> its type, resolver function and resource path. */
  pages: Map<string, { type: 'jira:adminPage' | 'jira:projectPage' | 'jira:globalPage'; resolverFunction: string; resourcePath: string; title: string }>;
  /** Queue consumers: Forge calls the function with the async event itself (@forge/events 2 and later). */
  consumers: Array<{ key: string; queue: string; functionKey: string }>;
  scheduledTriggers: Array<{ key: string; functionKey: string; interval: 'fiveMinute' | 'hour' | 'day' | 'week' }>;
  /** Product-event triggers: which function hears which events. */
  triggers: Array<{ key: string; functionKey: string; events: string[] }>;
  entities: Array<{ name: string; attributes: Record<string, { type: 'string' | 'integer' | 'float' | 'boolean' | 'any' }>; indexes?: Array<string | { name: string; range: string[]; partition?: string[] }> }>;
}

// Forge's defaults: UI resolvers 25 s; other functions 55 s unless timeoutSeconds says more (limits-invocation).
const DEFAULT_TIMEOUT_SECONDS = 55;

interface RawManifest {
  app?: { id?: string; runtime?: { name?: string }; features?: Record<string, unknown>; storage?: { entities?: HostManifest['entities'] } };
  permissions?: {
    scopes?: Array<string | Record<string, unknown>> | Record<string, unknown>;
    content?: { styles?: string[] };
    external?: Record<string, unknown>;
  };
  resources?: Array<{ key: string; path: string }>;
  modules?: {
    function?: Array<{ key: string; handler: string; timeoutSeconds?: number }>;
    'jira:adminPage'?: Array<{ key: string; resource: string; resolver?: { function: string }; title: string }>;
    'jira:projectPage'?: Array<{ key: string; resource: string; resolver?: { function: string }; title: string }>;
    'jira:globalPage'?: Array<{ key: string; resource: string; resolver?: { function: string }; title: string }>;
    consumer?: Array<{ key: string; queue: string; function?: string }>;
    scheduledTrigger?: Array<{ key: string; function: string; interval: HostManifest['scheduledTriggers'][number]['interval'] }>;
    trigger?: Array<{ key: string; function: string; events: string[] }>;
  } & Record<string, unknown>;
}

/** A manifest the host refuses to run, with every reason (Forge would not deploy or run it as written). */
export class ManifestError extends Error {
  constructor(
    file: string,
    readonly problems: string[],
  ) {
    super(`${file} uses forms that Forge no longer runs:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

// Forge runs functions on these Node.js runtimes; Node.js 20 reached its end of life on 2026-04-30
// and Forge asks apps to move on (CHANGE-2954). The legacy sandbox (no runtime name) stopped in 2025.
const CURRENT_RUNTIMES = ['nodejs22.x', 'nodejs24.x'];

/**
 * Forms that `forge deploy` or Forge's runtime no longer accept, which a local run would otherwise
 * hide. Each answer says what to write instead.
 */
export function outdatedForms(raw: RawManifest): string[] {
  const problems: string[] = [];
  const modules = raw.modules ?? {};
  const runtime = raw.app?.runtime?.name;
  if (!runtime || !CURRENT_RUNTIMES.includes(runtime)) {
    problems.push(
      `app.runtime.name is ${runtime ? `"${runtime}"` : 'missing'}: Forge runs apps on ${CURRENT_RUNTIMES.join(' or ')} (Node.js 20 is past its end of life, the sandbox runtime is gone). Write runtime: { name: nodejs22.x }.`,
    );
  }
  if (raw.app?.features && 'autoUserConsent' in raw.app.features) {
    problems.push('app.features.autoUserConsent is deprecated and no longer needed for simplified user consent: remove it.');
  }
  for (const [category, value] of Object.entries(raw.permissions?.external ?? {})) {
    const lists = category === 'fetch' && value && typeof value === 'object' ? Object.entries(value as Record<string, unknown>) : [[category, value] as const];
    for (const [name, entries] of lists) {
      const where = category === 'fetch' ? `fetch.${name}` : name;
      if (Array.isArray(entries) && entries.some((e) => typeof e === 'string')) {
        problems.push(`permissions.external.${where} lists plain strings, a deprecated egress form: write each entry as - address: 'https://…'.`);
      }
    }
  }
  const declared = new Set((modules.function ?? []).map((f) => f.key));
  for (const c of (modules.consumer ?? []) as Array<Record<string, unknown>>) {
    const key = String(c.key);
    if (c.resolver !== undefined) {
      const fn = (c.resolver as { function?: string } | null)?.function ?? '<function key>';
      problems.push(
        `consumer ${key} uses resolver: { function, method }, the @forge/events 1.x form. With @forge/events 2 and later Forge calls the consumer's function with the event itself: write function: ${fn} and export a handler that takes (event, context).`,
      );
    } else if (typeof c.function !== 'string') {
      problems.push(`consumer ${key} names no function: write function: <key of a function module>.`);
    }
    if (c.crossVersion !== undefined) problems.push(`consumer ${key} sets crossVersion, a temporary property Forge removed after 21 November 2025: remove it.`);
  }
  for (const type of ['scheduledTrigger', 'trigger'] as const) {
    for (const t of (modules[type] ?? []) as Array<Record<string, unknown>>) {
      if (typeof t.function !== 'string') problems.push(`${type} ${String(t.key)} names no function: write function: <key of a function module>.`);
    }
  }
  // Every function a module names must be declared (forge deploy refuses a dangling reference).
  for (const [type, list] of Object.entries(modules)) {
    if (type === 'function' || !Array.isArray(list)) continue;
    for (const m of list as Array<Record<string, unknown>>) {
      const named = [m.function, (m.resolver as { function?: unknown } | undefined)?.function].filter((f): f is string => typeof f === 'string');
      for (const fn of named) if (!declared.has(fn)) problems.push(`${type} ${String(m.key)} names function ${fn}, which manifest.yml does not declare under modules.function.`);
    }
  }
  return problems;
}

/** The addresses of a permissions.external list (object form: - address: 'https://…'). */
function addresses(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((e) => (e && typeof e === 'object' && typeof (e as { address?: unknown }).address === 'string' ? (e as { address: string }).address : '')).filter(Boolean);
}

export function loadManifest(file: string): HostManifest {
  const raw = parse(readFileSync(file, 'utf8')) as RawManifest;
  const problems = outdatedForms(raw);
  if (problems.length > 0) throw new ManifestError(file, problems);
  const modules = raw.modules ?? {};
  const resources = new Map((raw.resources ?? []).map((r) => [r.key, r.path]));
  const functions: HostManifest['functions'] = new Map();
  for (const f of modules.function ?? []) {
    const [module, exportName] = f.handler.split('.');
    if (!module || !exportName) throw new Error(`manifest.yml: function ${f.key} has handler "${f.handler}", expected "file.export"`);
    functions.set(f.key, { module, exportName, timeoutSeconds: f.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS });
  }
  const pages: HostManifest['pages'] = new Map();
  for (const type of ['jira:adminPage', 'jira:projectPage', 'jira:globalPage'] as const) {
    for (const m of modules[type] ?? []) {
      const resourcePath = resources.get(m.resource);
      if (!resourcePath || !m.resolver) throw new Error(`manifest.yml: ${type} ${m.key} needs a known resource and a resolver`);
      pages.set(m.key, { type, resolverFunction: m.resolver.function, resourcePath, title: m.title });
    }
  }
  const scopes = Array.isArray(raw.permissions?.scopes)
    ? raw.permissions.scopes.map((s) => (typeof s === 'string' ? s : Object.keys(s)[0] ?? ''))
    : Object.keys(raw.permissions?.scopes ?? {});
  return {
    appId: raw.app?.id ?? 'ari:cloud:ecosystem::app/local',
    scopes,
    inlineStyles: (raw.permissions?.content?.styles ?? []).includes('unsafe-inline'),
    externalImages: addresses(raw.permissions?.external?.images),
    functions,
    pages,
    consumers: (modules.consumer ?? []).map((c) => ({ key: c.key, queue: c.queue, functionKey: c.function ?? '' })),
    scheduledTriggers: (modules.scheduledTrigger ?? []).map((t) => ({ key: t.key, functionKey: t.function, interval: t.interval })),
    triggers: (modules.trigger ?? []).map((t) => ({ key: t.key, functionKey: t.function, events: t.events ?? [] })),
    entities: raw.app?.storage?.entities ?? [],
  };
}
