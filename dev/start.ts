import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BACKEND_FILE, ROOT, UI_DIR, buildAll } from './build';
import { ConfigError, readConfig } from './host/config';
import { createHost } from './host/host';
import { createHostServer } from './host/http/server';
import { DataFileError } from './host/kvs';
import { ManifestError } from './host/manifest';
import { HostDataFileError } from './host/sqlite-file';

/** `npm start`: build, start the local Forge host, print where everything is. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = readConfig(process.env);
  const report = await buildAll();
  const backend = { index: (await import(pathToFileURL(BACKEND_FILE).href)) as Record<string, unknown> };
  const host = createHost({
    manifestFile: join(ROOT, 'manifest.yml'),
    backend,
    dataDir: config.dataDir,
    site: config.site,
    ...(config.realSite ? { realSite: config.realSite } : {}),
    runSchedules: true,
  });
  const server = createHostServer(host, UI_DIR);
  server.on('error', (e: NodeJS.ErrnoException) => {
    host.close();
    if (e.code === 'EADDRINUSE') fail(`Port ${config.port} is already in use. Stop the other program or start with another port: PORT=8081 npm start`);
    fail(`The server could not start: ${e.message}`);
  });
  server.listen(config.port, config.hostname, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = `http://${config.hostname === '0.0.0.0' ? 'localhost' : config.hostname}:${port}`;
    const lines = [
      `Integration Registry: local Forge host`,
      `  Jira:     ${host.jira.describe()}`,
      `  Data:     ${config.dataDir}`,
      `  Build:    ${report.skipped ? 'up to date' : `built in ${report.seconds.toFixed(1)} s`}; Custom UI JavaScript ${(report.uiJsGzipBytes / 1024).toFixed(1)} KiB gzipped`,
      `  Pages:    ${base}/admin  ·  ${base}/project/{KEY}  ·  add ?as=ACCOUNT_ID to act as a persona, &theme=dark for the dark theme`,
      `  Dev API:  GET ${base}/dev/personas  ·  POST ${base}/dev/invoke  ·  ${base}/sim/jira/rest/api/3/...`,
      `  Personas:`,
      ...host.personas().map((p) => `    ${p.role.padEnd(13)} ${p.displayName.padEnd(24)} ${base}/${p.role === 'project-admin' ? `project/${p.projects[0]}` : 'admin'}?as=${encodeURIComponent(p.accountId)}`),
      `Ready at ${base} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ];
    console.log(lines.join('\n'));
  });
  const stop = () => {
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
  if (e instanceof ConfigError || e instanceof DataFileError || e instanceof HostDataFileError || e instanceof ManifestError) fail(e.message);
  fail(e instanceof Error ? (e.stack ?? e.message) : String(e as string));
});
