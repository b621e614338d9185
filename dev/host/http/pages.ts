import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host } from '../host';
import { bridgeScript } from './bridge-script';

export interface PageRequest {
  moduleKey: 'admin-page' | 'project-page' | 'my-integrations';
  /** The page's own route (global page: /attestations/<id>), for view.createHistory. */
  path?: string;
  projectKey: string | null;
  accountId: string | null;
  colorMode: 'light' | 'dark';
  /** Where the page lives on the host ("/admin", "/project/KEY"); the rest of the URL path is the app's history path. */
  basePath: string;
}

/**
 * The Custom UI page for one module: the built index.html with the bridge injected before the
 * app's bundle, a <base> so that its relative asset paths load from /ui/, and Forge's content
 * security policy (scripts from the app only; inline styles only when the manifest allows them;
 * images from the app and the addresses the manifest declares).
 */
export function renderPage(host: Host, resourceDir: string, page: PageRequest): { html: string; csp: string } {
  const indexFile = join(resourceDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`${indexFile} is missing: run \`npm run build\` (npm start builds it).`);
  const nonce = randomBytes(16).toString('base64');
  // The app reads only the project key; the id stands in as the key, since the host does not ask Jira here.
  const project = page.projectKey ? { project: { key: page.projectKey, id: page.projectKey, type: 'software' } } : {};
  const context = {
    accountId: page.accountId ?? undefined,
    cloudId: host.cloudId,
    siteUrl: host.siteUrl,
    moduleKey: page.moduleKey,
    localId: `ari:cloud:ecosystem::extension/${host.manifest.appId.replace(/^.*\//, '')}/local-development/static/${page.moduleKey}`,
    environmentId: 'local-development',
    environmentType: 'DEVELOPMENT',
    locale: 'en-US',
    timezone: 'UTC',
    theme: { colorMode: page.colorMode },
    extension: { type: host.manifest.pages.get(page.moduleKey)?.type, ...project },
  };
  const script = bridgeScript({
    accountId: page.accountId,
    moduleKey: page.moduleKey,
    projectKey: page.projectKey,
    colorMode: page.colorMode,
    context,
    basePath: page.basePath,
    appId: host.manifest.appId.replace(/^.*\//, ''),
  });
  const head = `<base href="/ui/"><script nonce="${nonce}">${script}</script>`;
  const html = readFileSync(indexFile, 'utf8').replace(/<head>/i, () => `<head>${head}`);
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self'${host.manifest.inlineStyles ? " 'unsafe-inline'" : ''}`,
    // As Forge: the app's own files, data/blob URLs, and the image addresses manifest.yml declares
    // (permissions.external.images); locally also where the simulated site serves its avatars.
    ['img-src', "'self'", 'data:', 'blob:', ...host.manifest.externalImages, ...(host.sim?.avatars.origin() ? [host.sim.avatars.origin() as string] : [])].join(' '),
    "connect-src 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
  return { html, csp };
}
