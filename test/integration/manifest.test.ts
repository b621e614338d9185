import { validate } from '@forge/manifest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAll, UI_DIR } from '../../dev/build';
import { specPath } from '../contract/spec';
import { ROOT } from '../support/host';

interface Operation {
  'x-atlassian-oauth2-scopes'?: Array<{ scopes: string[]; state: string }>;
}
type Spec = { paths: Record<string, Record<string, Operation>> };

/** Every `route\`...\`` the back end's Jira client builds: method comes from the call, path from the template. */
function jiraRoutesInSource(): Array<{ method: string; path: string }> {
  const dir = join(ROOT, 'src', 'jira');
  const found: Array<{ method: string; path: string }> = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/(?:method:\s*'(GET|POST|PUT|DELETE)'[^`]*?)?route`([^`?]+)/g)) {
      found.push({ method: m[1] ?? 'GET', path: (m[2] ?? '').replace(/\$\{[^}]+\}/g, '{}') });
    }
  }
  return found;
}

function specOperation(spec: Spec, method: string, path: string): Operation | undefined {
  for (const [template, ops] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '\\{\\}').replace(/\//g, '\\/')}$`);
    if (pattern.test(path) && ops[method.toLowerCase()]) return ops[method.toLowerCase()];
  }
  return undefined;
}

describe('manifest.yml', () => {
  beforeAll(async () => {
    // validate() checks that the Custom UI resource has an index.html, so build it when missing.
    if (!existsSync(join(UI_DIR, 'index.html'))) await buildAll();
  }, 240_000);

  it('passes @forge/manifest validation', async () => {
    const result = await validate(false, join(ROOT, 'manifest.yml'));
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  }, 180_000); // compiling Forge's 4 MB manifest schema takes seconds of CPU, more on a busy machine

  it('declares the two pages on one resource, the resolver function and nodejs22.x', () => {
    const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as {
      app: { runtime: { name: string } };
      modules: Record<string, Array<{ key: string; resource?: string; resolver?: { function: string } }>>;
    };
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
    const admin = manifest.modules['jira:adminPage']?.[0];
    const project = manifest.modules['jira:projectPage']?.[0];
    expect(admin).toMatchObject({ key: 'admin-page', resolver: { function: 'resolver' } });
    expect(project).toMatchObject({ key: 'project-page', resolver: { function: 'resolver' } });
    expect(admin?.resource).toBe(project?.resource);
  });

  it('asks for exactly the scopes the Jira calls in src/jira need (per the official spec)', () => {
    const spec = JSON.parse(readFileSync(specPath(), 'utf8')) as Spec;
    const routes = jiraRoutesInSource();
    expect(routes.length).toBeGreaterThan(0);
    const needed = new Set<string>();
    for (const r of routes) {
      const op = specOperation(spec, r.method, r.path);
      expect(op, `${r.method} ${r.path} is not in the official spec`).toBeDefined();
      const current = op?.['x-atlassian-oauth2-scopes']?.find((s) => s.state === 'Current');
      for (const scope of current?.scopes ?? []) needed.add(scope);
    }
    const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as { permissions: { scopes: string[] } };
    const declared = new Set(manifest.permissions.scopes.filter((s) => !['storage:app'].includes(s)));
    expect([...declared].sort()).toEqual([...needed].sort());
  });
});
