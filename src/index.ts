import { makeResolver } from '@forge/resolver';
import type { Defs } from './contract';
import { handlers } from './resolvers';

/** The resolver function behind both Custom UI modules (manifest.yml: function `resolver`). */
export const handler = makeResolver<Defs>(handlers);
