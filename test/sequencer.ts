import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files whose time depends on a cache: when the cache is cold (a fresh clone, or sources changed)
 * they take half a minute, when it is warm a tenth of a second. Vitest orders files by their last
 * time, longest first, so such a file would run last, alone on one core, whenever its cache misses.
 * They run first instead.
 */
const SLOW_WHEN_COLD = ['test/integration/forge-bundle.test.ts'];

export default class Sequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (f: TestSpecification) => SLOW_WHEN_COLD.some((path) => f.moduleId.endsWith(path));
    return [...sorted.filter(first), ...sorted.filter((f) => !first(f))];
  }
}
