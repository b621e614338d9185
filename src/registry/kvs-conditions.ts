import { Filter, FilterConditions, ForgeKvsAPIError } from '../storage/kvs';

/**
 * Optimistic concurrency on custom entities: a write carries "the stored version is still the one I
 * read" (or "nothing is stored yet" for version 0), checked by the store inside the transaction.
 */
export function versionIs(baseVersion: number) {
  return baseVersion === 0 ? new Filter<{ version: number }>().and('version', FilterConditions.notExists()) : new Filter<{ version: number }>().and('version', FilterConditions.equalTo(baseVersion));
}

/** The store refused a transaction because a condition did not hold (HTTP 409). */
export function isConditionFailure(e: unknown): boolean {
  return e instanceof ForgeKvsAPIError && (e.responseDetails.status === 409 || /CONDITION/i.test(e.code));
}
