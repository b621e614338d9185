import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { devInvoke } from '../dev-invoke';
import { validateKnobs } from '../product-events';
import { HostError } from '../functions';
import type { Host } from '../host';
import { faultsEndpoint } from './faults-endpoint';
import { checkRequest, factsOf } from './guard';
import { toFetchResponse } from '../jira-gateway';
import { landingPage } from './landing';
import { personasWithOwns } from '../personas';
import { renderPage } from './pages';
import { themeCss } from './theme';
import { initialsAvatarSvg } from '../../sim/render/avatar';

const MAX_BODY_BYTES = 1024 * 1024;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2' };

/**
 * The local host's HTTP face (DESIGN.md, "Local host interface"): the pages, the built Custom UI,
 * /dev/personas, /dev/invoke, /dev/triggers/{key}, /dev/events (product-event knobs) and the simulated site under /sim/jira/.
 */
export function createHostServer(host: Host, resourceDir: string): Server {
  return createServer((req, res) => {
    route(host, resourceDir, req, res).catch((e: unknown) => {
      const status = e instanceof HostError ? e.status : 500;
      if (status >= 500) console.error(`[host] ${req.method} ${req.url}: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) sendJson(res, status, { error: e instanceof Error ? e.message : String(e) });
      else res.end();
    });
  });
}

async function route(host: Host, resourceDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  checkRequest(factsOf(req, path)); // loopback Host, own Origin, JSON bodies (guard.ts)

  if (method === 'GET' && path === '/') return sendHtml(res, landingPage(host));
  if (method === 'GET' && path === '/favicon.ico') return void res.writeHead(204).end();
  const pagePath = method === 'GET' ? matchPagePath(path) : null;
  if (pagePath) {
    const page = renderPage(host, resourceDir, {
      moduleKey: pagePath.moduleKey,
      projectKey: pagePath.projectKey,
      accountId: personaParam(host, url.searchParams.get('as')),
      colorMode: url.searchParams.get('theme') === 'dark' ? 'dark' : 'light',
      basePath: pagePath.basePath,
    });
    res.setHeader('content-security-policy', page.csp);
    return sendHtml(res, page.html);
  }
  if (method === 'GET' && (path === '/my' || path.startsWith('/my/'))) {
    const page = renderPage(host, resourceDir, {
      moduleKey: 'my-integrations',
      projectKey: null,
      accountId: personaParam(host, url.searchParams.get('as')),
      colorMode: url.searchParams.get('theme') === 'dark' ? 'dark' : 'light',
      basePath: '/my',
    });
    res.setHeader('content-security-policy', page.csp);
    return sendHtml(res, page.html);
  }
  // A global page's Forge URL (links in work items the app creates) maps to /my/<path>.
  const forgeGlobal = /^\/jira\/apps\/[^/]+\/[^/]+(\/.*)?$/.exec(path);
  if (method === 'GET' && forgeGlobal) {
    res.writeHead(302, { location: `/my${forgeGlobal[1] ?? ''}${url.search}` });
    return void res.end();
  }
  if (method === 'POST' && /^\/dev\/sim\/users\/[^/]+\/deactivate$/.test(path)) {
    if (!host.sim) throw new HostError(404, 'The simulated site is off: JIRA_BASE_URL points the host at a real site.');
    const accountId = decodeURIComponent(path.split('/')[4] ?? '');
    try {
      host.sim.mutate.setActive({ accountId, active: false });
    } catch {
      throw new HostError(404, `No account ${accountId} on the simulated site`);
    }
    return sendJson(res, 200, { accountId, active: false });
  }
  if (method === 'GET' && path.startsWith('/ui/')) return sendStatic(res, resourceDir, path.slice('/ui/'.length));
  if (method === 'GET' && path === '/dev/theme.css') {
    res.writeHead(200, { 'content-type': 'text/css', 'cache-control': 'max-age=3600' });
    return void res.end(themeCss());
  }
  if (method === 'GET' && path === '/dev/personas') return sendJson(res, 200, await personasWithOwns(host));
  if (method === 'POST' && path === '/dev/invoke') return sendJson(res, 200, await devInvoke(host, await readJson(req)));
  if (path === '/dev/sim/faults') {
    const answer = faultsEndpoint(host, method, method === 'POST' ? await readJson(req) : undefined);
    return sendJson(res, answer.status, answer.body);
  }
  if (method === 'POST' && path.startsWith('/dev/triggers/')) {
    await host.functions.runTrigger(decodeURIComponent(path.slice('/dev/triggers/'.length)));
    return sendJson(res, 200, { ran: true });
  }
  if (path === '/dev/events' && (method === 'GET' || method === 'POST')) {
    const bus = host.productEvents;
    if (!bus) throw new HostError(404, 'Product events come from the simulated site, which is off (a real site is configured).');
    if (method === 'POST') {
      try {
        bus.knobs = validateKnobs(await readJson(req), bus.knobs);
      } catch (e) {
        throw new HostError(400, e instanceof Error ? e.message : String(e));
      }
    }
    return sendJson(res, 200, { knobs: bus.knobs, stats: bus.stats, backlog: bus.backlog });
  }
  // The simulated site's avatars (the users' avatarUrls point here once the host listens).
  const avatar = method === 'GET' ? /^\/sim\/avatars\/initials\/([A-Z]{1,2})\.svg$/.exec(path) : null;
  if (avatar?.[1]) {
    const svg = initialsAvatarSvg(avatar[1]);
    if (!svg) throw new HostError(404, 'No such avatar');
    res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' });
    return void res.end(svg);
  }
  if (path.startsWith('/sim/jira/')) {
    if (!host.sim) throw new HostError(404, 'The simulated site is off: JIRA_BASE_URL points the host at a real site.');
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readJson(req);
    const as = req.headers['x-sim-as'];
    const answer = await host.sim.handle({
      method,
      path: path.slice('/sim/jira'.length),
      query: url.searchParams,
      body,
      caller: typeof as === 'string' && as !== '' ? { kind: 'user', accountId: as } : { kind: 'app' },
    });
    const response = toFetchResponse(answer);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    return void res.end(Buffer.from(await response.arrayBuffer()));
  }
  throw new HostError(404, `Nothing at ${method} ${path}. Try / for the list of pages.`);
}

/**
 * `/admin[/<path>]` and `/project/KEY[/<path>]`: the module's page, whose history starts at <path>
 * (as Forge starts a full-page module's history at the path after the app's URL).
 */
function matchPagePath(path: string): { moduleKey: 'admin-page' | 'project-page'; projectKey: string | null; basePath: string } | null {
  if (path === '/admin' || path.startsWith('/admin/')) return { moduleKey: 'admin-page', projectKey: null, basePath: '/admin' };
  const project = /^\/project\/([^/]+)(?:\/.*)?$/.exec(path);
  if (!project?.[1]) return null;
  const projectKey = decodeURIComponent(project[1]);
  if (!/^[A-Z][A-Z0-9_]{0,254}$/.test(projectKey)) throw new HostError(400, `"${projectKey}" is not a Jira project key`);
  return { moduleKey: 'project-page', projectKey, basePath: `/project/${projectKey}` };
}

/** ?as= picks a persona; absent means the site admin (the first persona); "anonymous" means no account. */
function personaParam(host: Host, as: string | null): string | null {
  if (as === 'anonymous') return null;
  if (as) return as;
  return host.personas()[0]?.accountId ?? null;
}

function sendStatic(res: ServerResponse, root: string, relative: string): void {
  const base = resolve(root);
  const file = resolve(join(base, normalize(decodeURIComponent(relative))));
  if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) throw new HostError(404, `No built file ${relative}`);
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  createReadStream(file).pipe(res);
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HostError(413, 'Request body is larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HostError(400, 'Request body is not valid JSON');
  }
}
