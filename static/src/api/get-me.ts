import type { Me } from '../../../src/contract';
import { invoke, unwrap } from './invoke';

/** me/get: who is calling and which pages they may open. */
export async function getMe(): Promise<Me> {
  return unwrap(await invoke('me/get', {}));
}
