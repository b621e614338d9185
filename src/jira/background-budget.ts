import { randomUUID } from 'node:crypto';
import { readAllWithPrefix } from '../storage/prefix';
import { kvs } from '../storage/kvs';
import { readSettings } from '../storage/scan-settings';
import { JiraClient, type RetryPolicy } from './client';
import { hourOf, PointsBudget, type BudgetState } from './points-budget';

/**
 * One hourly points budget for all of an installation's background work. The scan keeps its own
 * running count in its state; the smaller jobs (project roles and people's cards a page view asked
 * for, newcomers' lookups, the ledger's reconciliation) spend from the same hour. Each writer
 * stores what it spent in an hour under its own key (no two writers share a document, so no
 * update is lost), and each budget, when it opens, adds up what the others spent this hour.
 * Keys expire after two hours.
 */
const PREFIX = 'budget:spent:';
const keyOf = (hourStart: number, writer: string) => `${PREFIX}${hourStart}:${writer}`;

interface Spent {
  points: number;
}

/** Points this installation's background work spent in the clock hour starting at `hourStart`, all writers but `except`. */
export async function spentThisHour(hourStart: number, except?: string): Promise<number> {
  const rows = await readAllWithPrefix(`${PREFIX}${hourStart}:`);
  return rows.filter((r) => except === undefined || r.key !== keyOf(hourStart, except)).reduce((sum, r) => sum + ((r.value as Spent | undefined)?.points ?? 0), 0);
}

/** Stores what one writer spent in an hour (its total so far: a later call replaces it). */
export async function recordSpent(hourStart: number, writer: string, points: number): Promise<void> {
  if (points <= 0) return;
  await kvs.set(keyOf(hourStart, writer), { points } satisfies Spent, { ttl: { value: 2, unit: 'HOURS' } });
}

export interface BudgetedClient {
  client: JiraClient;
  /** Stores what the job spent; call it when the job ends, whether it succeeded or not. */
  finish(): Promise<void>;
}

/**
 * A Jira client for one background job that spends from the installation's hourly budget: a
 * request that would pass it (or this site's fair share of a pool Jira reports low) throws
 * BudgetSpentError before it is sent, and the job stops until the next hour.
 */
export async function budgetedClient(job: string, policy: RetryPolicy, options: { maxConcurrency?: number; deadline?: number } = {}): Promise<BudgetedClient> {
  const writer = `${job}:${randomUUID()}`;
  const now = Date.now();
  const hourStart = hourOf(now);
  const [settings, others] = await Promise.all([readSettings(), spentThisHour(hourStart)]);
  const state: BudgetState = { pointsPerHour: settings.pointsBudgetPerHour, hourStart, used: 0, maxUsedInHour: 0 };
  const budget = new PointsBudget(state, Date.now, { hourStart, points: others });
  const spentByHour = new Map<number, number>();
  const client = new JiraClient(policy, {
    ...options,
    observer: {
      beforeSend: ({ maxCost }) => {
        const settle = budget.reserve(maxCost);
        return ({ points }) => {
          settle(points);
          const hour = hourOf(Date.now());
          spentByHour.set(hour, (spentByHour.get(hour) ?? 0) + points);
        };
      },
      onPools: (pools) => budget.observePools(pools),
    },
  });
  return {
    client,
    finish: async () => {
      for (const [hour, points] of spentByHour) await recordSpent(hour, writer, points);
    },
  };
}

/** A budgeted client opened on first use (most runs of a job never call Jira, and opening reads storage). */
export interface LazyBudgetedClient {
  client(): Promise<JiraClient>;
  finish(): Promise<void>;
}

export function lazyBudgetedClient(job: string, policy: RetryPolicy, options: { maxConcurrency?: number; deadline?: number } = {}): LazyBudgetedClient {
  let opened: Promise<BudgetedClient> | null = null;
  return {
    client: async () => (await (opened ??= budgetedClient(job, policy, options))).client,
    finish: async () => {
      if (opened) await (await opened).finish();
    },
  };
}
