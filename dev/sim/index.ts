// The simulated Jira Cloud site: the local Forge host routes requestJira calls here.
export { createSimSite } from './create-site.js';
export type {
  Faults,
  MeterSnapshot,
  Mutate,
  MutationEventKind,
  Persona,
  RateLimitReason,
  RecordedRequest,
  SimCaller,
  SimRequest,
  SimResponse,
  SimSite,
  SimSiteOptions,
  Truth,
} from './types.js';
export { PERSONA_IDS } from './generate/accounts.js';
export { implementedOperations } from './routes.js';
