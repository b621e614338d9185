import type { Handlers } from '@forge/resolver';
import type { Defs } from '../contract';
import { getMe } from './me/get';

/** Every resolver of the contract, by key. The Handlers type makes a missing key a compile error. */
export const handlers: Handlers<Defs> = {
  'me/get': getMe,
};
