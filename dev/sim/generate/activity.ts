// Issues and their history (placeholder until step 3).
import type { Rng } from '../prng.js';
import type { SimProject, SimUser } from '../model.js';
import type { IssueStore } from '../store/issues.js';
import type { ActivityPlan } from './directory.js';
import type { SizeSpec } from './sizes.js';

export interface ActivityInput {
  size: SizeSpec;
  users: SimUser[];
  projects: SimProject[];
  plan: ActivityPlan;
  issues: IssueStore;
  now: number;
}

export function generateActivity(_rng: Rng, _input: ActivityInput): void {}
