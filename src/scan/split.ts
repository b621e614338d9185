/**
 * Finds how a total of matching issues is spread over projects with as few counts as possible:
 * halve the project list and count only the left half, since the right half is the parent's count
 * minus the left's. Halves with nothing are never asked about again. For an account active in k of
 * P projects this costs about k·log2(P/k) counts instead of P.
 *
 * The remainder is exact only when the parent was counted over exactly the same projects, over
 * history that no longer changes: `total` must be the count over exactly `projectKeys` with the
 * same query (the caller counts over a settled period). Should a child still exceed its parent
 * (an issue moved or deleted between two counts), the other half is counted too rather than
 * inferred.
 */
export type CountIn = (projectKeys: readonly string[]) => Promise<number>;

export async function spreadOverProjects(projectKeys: readonly string[], total: number, countIn: CountIn): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  await visit(projectKeys, total, countIn, found);
  return found;
}

async function visit(keys: readonly string[], count: number, countIn: CountIn, found: Map<string, number>): Promise<void> {
  if (count <= 0 || keys.length === 0) return;
  if (keys.length === 1) {
    found.set(keys[0] as string, count);
    return;
  }
  const half = Math.ceil(keys.length / 2);
  const left = keys.slice(0, half);
  const right = keys.slice(half);
  const leftCount = await countIn(left);
  const rightCount = leftCount > count ? await countIn(right) : count - leftCount;
  await Promise.all([visit(left, leftCount, countIn, found), visit(right, rightCount, countIn, found)]);
}

/**
 * The same over tiers of projects, most likely first (say, where the account can edit, then where
 * it can browse, then the rest). The tiers must partition exactly the projects `total` was counted
 * over: one count per tier tells whether the rest lies beyond it, the last tier gets the remainder
 * of that same count, and a tier with nothing costs one count (the last none).
 */
export async function spreadOverTiers(tiers: ReadonlyArray<readonly string[]>, total: number, countIn: CountIn): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const nonEmpty = tiers.filter((t) => t.length > 0);
  let left = total;
  for (const [i, tier] of nonEmpty.entries()) {
    if (left <= 0) break;
    const inTier = i === nonEmpty.length - 1 ? left : await countIn(tier);
    if (inTier > left) {
      // Inconsistent with the parent (history changed between counts): count each remaining tier.
      for (const rest of nonEmpty.slice(i)) for (const [key, n] of await spreadOverProjects(rest, await countIn(rest), countIn)) found.set(key, n);
      return found;
    }
    for (const [key, n] of await spreadOverProjects(tier, inTier, countIn)) found.set(key, n);
    left -= inTier;
  }
  return found;
}
