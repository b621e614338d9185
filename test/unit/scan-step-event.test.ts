import { describe, expect, it } from 'vitest';
import { readScanStepEvent } from '../../src/scan/queue';

describe('readScanStepEvent: the scan step in an async event body', () => {
  it.each<[string, Record<string, unknown>, ReturnType<typeof readScanStepEvent>]>([
    ['a step', { runId: 'r1', step: 3 }, { runId: 'r1', step: 3 }],
    ['a step queued again, with its retry count', { runId: 'r1', step: 3, retry: 2 }, { runId: 'r1', step: 3, retry: 2 }],
    ['a body that is not a step', { hello: 'world' }, null],
    ['a step number that is not an integer', { runId: 'r1', step: '3' }, null],
    ['a run id that is not a string', { runId: 7, step: 3 }, null],
  ])('%s', (_name, body, expected) => {
    expect(readScanStepEvent(body)).toEqual(expected);
  });
});
