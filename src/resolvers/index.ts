import type { Handlers } from '@forge/resolver';
import type { Defs } from '../contract';
import { accountabilityHandlers } from './accountability-handlers';
import { callerHandlers } from './caller-handlers';
import { discoveryHandlers } from './discovery-handlers';
import { projectHandlers } from './project-handlers';
import { registryHandlers } from './registry-handlers';

/** Every resolver of the contract, by key. The Handlers types make a missing key a compile error. */
export const handlers: Handlers<Defs> = { ...callerHandlers, ...discoveryHandlers, ...registryHandlers, ...projectHandlers, ...accountabilityHandlers };
