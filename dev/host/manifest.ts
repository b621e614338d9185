import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The parts of manifest.yml the local host acts on. */
export interface HostManifest {
  appId: string;
  scopes: string[];
  /** permissions.content.styles has 'unsafe-inline' (Custom UI may use inline styles). */
  inlineStyles: boolean;
  /** function key -> handler ("index.handler" -> module "index", export "handler") and timeout. */
  functions: Map<string, { module: string; exportName: string; timeoutSeconds: number }>;
  /** Custom UI modules: module key -> its type, resolver function and resource path. */
  pages: Map<string, { type: 'jira:adminPage' | 'jira:projectPage'; resolverFunction: string; resourcePath: string; title: string }>;
  consumers: Array<{ key: string; queue: string; functionKey: string; method?: string }>;
  scheduledTriggers: Array<{ key: string; functionKey: string; interval: 'fiveMinute' | 'hour' | 'day' | 'week' }>;
  entities: Array<{ name: string; attributes: Record<string, { type: 'string' | 'integer' | 'float' | 'boolean' | 'any' }>; indexes?: Array<string | { name: string; range: string[]; partition?: string[] }> }>;
}

// Forge's defaults: UI resolvers 25 s; other functions 55 s unless timeoutSeconds says more (limits-invocation).
const DEFAULT_TIMEOUT_SECONDS = 55;

interface RawManifest {
  app?: { id?: string; storage?: { entities?: HostManifest['entities'] } };
  permissions?: { scopes?: Array<string | Record<string, unknown>> | Record<string, unknown>; content?: { styles?: string[] } };
  resources?: Array<{ key: string; path: string }>;
  modules?: {
    function?: Array<{ key: string; handler: string; timeoutSeconds?: number }>;
    'jira:adminPage'?: Array<{ key: string; resource: string; resolver?: { function: string }; title: string }>;
    'jira:projectPage'?: Array<{ key: string; resource: string; resolver?: { function: string }; title: string }>;
    consumer?: Array<{ key: string; queue: string; function?: string; resolver?: { function: string; method: string } }>;
    scheduledTrigger?: Array<{ key: string; function: string; interval: HostManifest['scheduledTriggers'][number]['interval'] }>;
  };
}

export function loadManifest(file: string): HostManifest {
  const raw = parse(readFileSync(file, 'utf8')) as RawManifest;
  const modules = raw.modules ?? {};
  const resources = new Map((raw.resources ?? []).map((r) => [r.key, r.path]));
  const functions: HostManifest['functions'] = new Map();
  for (const f of modules.function ?? []) {
    const [module, exportName] = f.handler.split('.');
    if (!module || !exportName) throw new Error(`manifest.yml: function ${f.key} has handler "${f.handler}", expected "file.export"`);
    functions.set(f.key, { module, exportName, timeoutSeconds: f.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS });
  }
  const pages: HostManifest['pages'] = new Map();
  for (const type of ['jira:adminPage', 'jira:projectPage'] as const) {
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
    functions,
    pages,
    consumers: (modules.consumer ?? []).map((c) => ({
      key: c.key,
      queue: c.queue,
      functionKey: c.resolver?.function ?? c.function ?? '',
      ...(c.resolver ? { method: c.resolver.method } : {}),
    })),
    scheduledTriggers: (modules.scheduledTrigger ?? []).map((t) => ({ key: t.key, functionKey: t.function, interval: t.interval })),
    entities: raw.app?.storage?.entities ?? [],
  };
}
