import type { Envelope } from '../contract';
import { fail } from './envelope';

/** The function @forge/resolver's makeResolver answers: Forge calls it with the invocation and the runtime payload. */
type Definitions<E, R> = (event: E, runtime?: R) => Promise<unknown>;

/**
 * Answers NOT_FOUND for a function key that no resolver defines, before @forge/resolver looks it up.
 * Its lookup is `functionKey in definitions`, which is true for Object.prototype names: `constructor`
 * would run Object() on the request and echo the call's context back to whoever sent it, even
 * without an account. Only the handlers' own keys pass.
 */
export function onlyKnownKeys<E extends { call?: { functionKey?: unknown } }, R>(definitions: Definitions<E, R>, keys: readonly string[]): Definitions<E, R> {
  const known = new Set(keys);
  return async (event, runtime) => {
    const key = event?.call?.functionKey;
    if (typeof key !== 'string' || !known.has(key)) {
      const answer: Envelope<never> = fail('NOT_FOUND', 'This app has no resolver by that name.');
      console.warn(`[resolver] refused an unknown function key ${JSON.stringify(typeof key === 'string' ? key.slice(0, 100) : typeof key)}`);
      return answer;
    }
    return definitions(event, runtime);
  };
}
