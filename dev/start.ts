import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BACKEND_FILE, ROOT, UI_DIR, buildAll } from './build';
import { ConfigError, hostWarning, readConfig } from './host/config';
import { DataDirLockedError } from './host/data-dir-lock';
import { createHost } from './host/host';
import { isLoopbackInterface } from './host/http/guard';
import { createHostServer } from './host/http/server';
import { knobsFromEnv } from './host/product-events';
import { seedDemoOwnership } from './host/personas';
import { DataFileError } from './host/kvs';
import { seedDemoRegistry } from './tools/seed-demo';
import { ManifestError } from './host/manifest';
import { HostDataFileError } from './host/sqlite-file';

/** `npm start`: build, start the local Forge host, print where everything is. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = readConfig(process.env);
  let knobs;
  try {
    knobs = knobsFromEnv(process.env);
  } catch (e) {
    throw new ConfigError(e instanceof Error ? e.message : String(e));
  }
  const report = await buildAll();
  const backend = { index: (await import(pathToFileURL(BACKEND_FILE).href)) as Record<string, unknown> };
  const host = createHost({
    manifestFile: join(ROOT, 'manifest.yml'),
    backend,
    dataDir: config.dataDir,
    site: config.site,
    ...(config.realSite ? { realSite: config.realSite } : {}),
    runSchedules: true,
    productEvents: knobs,
    autoDeliverEvents: true,
  });
  // LIVE=1: the demo site's integrations keep working while you watch (a few changes every few seconds).
  const live = process.env.LIVE === '1' && host.sim ? setInterval(() => host.sim?.mutate.integrationsAct({ count: 3 }), 3_000) : null;
  const server = createHostServer(host, UI_DIR);
  server.on('error', (e: NodeJS.ErrnoException) => {
    host.close();
    if (e.code === 'EADDRINUSE') fail(`Port ${config.port} is already in use. Stop the other program or start with another port: PORT=8081 npm start`);
    fail(`The server could not start: ${e.message}`);
  });
  // Listen first: the simulated site's avatars are served here, so its users' avatar addresses need the port.
  const port = await new Promise<number>((resolve) =>
    server.listen(config.port, config.hostname, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : config.port);
    }),
  );
  // Requests must be addressed to localhost (http/guard.ts): print a loopback URL.
  const shown = config.hostname === '::1' ? '[::1]' : isLoopbackInterface(config.hostname) ? config.hostname : 'localhost';
  const base = `http://${shown}:${port}`;
  host.sim?.avatars.setBaseUrl(`${base}/sim/avatars`);
  if (config.site === 'demo' && !config.realSite) await seedDemoOwnership(host);
  // The demo site starts with a registry to look at (marked "(demo)"); SEED_DEMO=0 keeps it empty (tests do).
  let seeded = '';
  if (config.site === 'demo' && !config.realSite && process.env.SEED_DEMO !== '0') {
    const seed = await seedDemoRegistry(host).catch((e: unknown) => ({ seeded: false, identities: 0, credentials: 0, error: e instanceof Error ? e.message : String(e) }));
    if (seed.seeded) seeded = `seeded demo registry: ${seed.identities} owners, ${seed.credentials} credentials (SEED_DEMO=0 to start empty)`;
    if ('error' in seed) console.warn(`Demo registry not seeded: ${seed.error}`);
  }
  const lines = [
    `Integration Registry: local Forge host`,
    `  Jira:     ${host.jira.describe()}`,
    `  Data:     ${config.dataDir}${seeded ? `; ${seeded}` : ''}`,
    `  Build:    ${report.skipped ? 'up to date' : `built in ${report.seconds.toFixed(1)} s`}; Custom UI JavaScript ${(report.uiJsGzipBytes / 1024).toFixed(1)} KiB gzipped`,
    `  Pages:    ${base}/admin  ·  ${base}/project/{KEY}  ·  ${base}/my (My integrations)  ·  add ?as=ACCOUNT_ID to act as a persona, &theme=dark for the dark theme`,
    `  Dev API:  GET ${base}/dev/personas  ·  POST ${base}/dev/invoke  ·  GET|POST ${base}/dev/events  ·  ${base}/sim/jira/rest/api/3/...`,
    `  Events:   ${host.productEvents ? `product events to the triggers (duplicate ${knobs.duplicate}, drop ${knobs.drop}, delay ${knobs.delayMs} ms${knobs.reorder ? ', reordered' : ''})${live ? '; LIVE: integrations keep working' : ''}` : 'none (real site)'}`,
    `  Personas:`,
    ...host.personas().map((p) => `    ${p.role.padEnd(13)} ${p.displayName.padEnd(24)} ${base}/${p.role === 'project-admin' ? `project/${p.projects[0]}` : p.role === 'user' ? 'my' : 'admin'}?as=${encodeURIComponent(p.accountId)}`),
    `Ready at ${base} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  ];
  console.log(lines.join('\n'));
  const warning = hostWarning(config.hostname);
  if (warning) console.warn(warning);
  const stop = () => {
    if (live) clearInterval(live);
    server.close();
    host.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function fail(message: string): never {
  console.error(`\nnpm start failed: ${message}\n`);
  process.exit(1);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DataFileError || e instanceof HostDataFileError || e instanceof ManifestError || e instanceof DataDirLockedError) fail(e.message);
  fail(e instanceof Error ? (e.stack ?? e.message) : String(e as string));
});
