import type { Handlers } from '@forge/resolver';
import type { CallerDefs } from '../contract';
import { getMe } from './me/get';

export const callerHandlers: Handlers<CallerDefs> = {
  'me/get': getMe,
};
