// `forge deploy`'s bundling step, run on its own: the Forge CLI's manifest reader lists the handlers,
// and @forge/bundler's Node runtime bundler (webpack, ts-loader reading tsconfig.json) bundles their
// modules. Prints one JSON line: { outputDir, handlers, warnings } or { error }.
// Plain CommonJS because the bundler wants a CommonJS main module, as the Forge CLI is.
// Usage: node dev/tools/forge-bundle.cjs [appDirectory]
/* eslint-disable @typescript-eslint/no-require-imports */
const { getEntryPoints, getNodeBundler } = require('@forge/bundler');
const { ConfigFile, FileSystemReader, FileSystemWriter } = require('@forge/cli-shared');
const { resolve } = require('node:path');

const appDirectory = resolve(process.argv[2] ?? '.');
const warnings = [];
const logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message) => warnings.push(message),
  error: (error) => warnings.push(error.message),
};
// The CLI adds Forge's runtime loader, downloaded from Atlassian's CDN, beside the bundle. It is
// Atlassian's code, not the app's: offline, a placeholder takes its place.
const offlineRuntime = {
  getNodeRuntimeWrapper: async () => ({ script: '// Forge runtime wrapper (forge deploy downloads it)', source: 'offline', version: 'offline' }),
  getNodeRuntimeLoader: async () => ({ script: '// Forge runtime loader (forge deploy downloads it)', source: 'offline', version: 'offline' }),
};

async function main() {
  // The CLI runs in the app's directory: the manifest, src/ and tsconfig.json are found from there.
  process.chdir(appDirectory);
  const config = new ConfigFile(new FileSystemReader(), new FileSystemWriter());
  const handlers = await config.getAppHandlers();
  const output = await getNodeBundler(logger, offlineRuntime, config).bundle({ appDirectory, entryPoints: getEntryPoints(handlers) });
  console.log(JSON.stringify({ outputDir: output.outputDir, handlers, warnings }));
}

main().catch((e) => {
  console.log(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
  process.exitCode = 1;
});
