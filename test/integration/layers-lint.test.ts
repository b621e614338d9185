import { ESLint } from 'eslint';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/host';

/**
 * The layer rule of eslint.config.js (import-x/no-restricted-paths) on planted imports: ESLint's
 * Node API lints each source as if it were a file at that path (nothing is written to the
 * repository, so no build or running test sees a planted file).
 */
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function layerErrors(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('the lint fails when a lower layer imports a higher one', () => {
  it.each<[string, string, string, RegExp]>([
    ['registry/ importing resolvers/', 'src/registry/planted.ts', "import { handlers } from '../resolvers';\nexport const x = handlers;\n", /resolvers\/ and index\.ts are the outer layer/],
    ['registry/ importing scan/', 'src/registry/planted.ts', "import { startScan } from '../scan/engine';\nexport const x = startScan;\n", /registry\/ and activity\/ do not import scan\//],
    ['rules/ importing registry/', 'src/rules/planted.ts', "import { parseCsv } from '../registry/csv';\nexport const x = parseCsv;\n", /sit below access\/, activity\/, scan\/ and registry\//],
    ['static/ importing src/registry', 'static/src/planted.ts', "import * as csv from '../../src/registry/csv';\nexport const x = csv;\n", /static\/ imports only src\/contract\.ts/],
    ['a unit test starting the local host', 'test/unit/planted.test.ts', "import { startTestHost } from '../support/host';\nexport const x = startTestHost;\n", /Unit tests start no host/],
  ])('%s', async (_name, path, source, message) => {
    const errors = await layerErrors(path, source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });
});

describe('and lets the allowed directions through', () => {
  it.each<[string, string, string]>([
    ['registry/ importing rules/ and errors.ts', 'src/registry/planted.ts', "import { AppFailure } from '../errors';\nimport * as expiry from '../rules/expiry';\nexport const x = [AppFailure, expiry];\n"],
    ['static/ importing the contract', 'static/src/planted.ts', "import type { Defs } from '../../src/contract';\nexport type X = Defs;\n"],
    ['resolvers/ importing registry/', 'src/resolvers/planted.ts', "import * as csv from '../registry/csv';\nexport const x = csv;\n"],
  ])('%s', async (_name, path, source) => {
    expect(await layerErrors(path, source)).toEqual([]);
  });
});
