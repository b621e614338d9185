import { spawn } from 'node:child_process';

/**
 * `npm test`: the type check, the lint and the tests (one Vitest run of all three layers) at the same
 * time, each in its own process. On two cores they overlap well: Vitest's files often wait (on
 * Chromium, on a scan, on a host starting) while tsc and ESLint run. Vitest's output goes straight
 * through; the type check's and the lint's follow it, whole, then one line with the three results.
 * The command fails when any of the three fails. Arguments go to Vitest (`npm test -- --reporter=dot`).
 */

interface Outcome {
  name: string;
  code: number;
  seconds: number;
  /** What a buffered run printed. */
  output: string;
}

function run(name: string, args: string[], buffered: boolean): Promise<Outcome> {
  const started = Date.now();
  const child = spawn('npm', args, { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => {
    const done = (code: number) => resolve({ name, code, seconds: (Date.now() - started) / 1000, output });
    child.on('error', (e) => {
      output += `${e.message}\n`;
      done(1);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const outcomes = await Promise.all([
  run('typecheck', ['run', '--silent', 'typecheck'], true),
  run('lint', ['run', '--silent', 'lint'], true),
  run('vitest', ['exec', '--', 'vitest', 'run', ...process.argv.slice(2)], false),
]);
for (const o of outcomes.filter((x) => x.name !== 'vitest')) process.stdout.write(`\n── npm run ${o.name}: ${o.code === 0 ? 'passed' : 'FAILED'} ──\n${o.output}`);
console.log(`\n${outcomes.map((o) => `${o.name} ${o.code === 0 ? 'passed' : 'FAILED'} (${o.seconds.toFixed(1)} s)`).join(' · ')}`);
process.exit(outcomes.some((o) => o.code !== 0) ? 1 : 0);
