import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/host';

function runStart(env: Record<string, string>): { status: number | null; output: string } {
  const r = spawnSync('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('npm start refuses clearly', () => {
  it('when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = String((blocker.address() as { port: number }).port);
    try {
      const r = runStart({ PORT: port, DATA_DIR: mkdtempSync(join(tmpdir(), 'registry-port-')) });
      expect(r.status).toBe(1);
      expect(r.output).toContain(`Port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('when a data file is corrupt', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'registry-corrupt-'));
    writeFileSync(join(dataDir, 'kvs.sqlite'), 'this is not a database, just text that got here somehow'.repeat(100));
    const r = runStart({ PORT: '0', DATA_DIR: dataDir });
    expect(r.status).toBe(1);
    expect(r.output).toContain('kvs.sqlite');
    expect(r.output).toMatch(/not a valid SQLite database|corrupt|damaged/i);
    expect(r.output).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
