import { kvs } from '@forge/kvs';
import { jsonBytes } from './chunks';

/** The largest value this process has written, so benchmarks can show we stay under 240 KiB. */
let maxValueBytes = 0;

export function largestValueWritten(): number {
  return maxValueBytes;
}

/** kvs.set that records the value's size. */
export async function setValue(key: string, value: unknown): Promise<void> {
  maxValueBytes = Math.max(maxValueBytes, jsonBytes(value));
  await kvs.set(key, value as never);
}
