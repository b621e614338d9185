/**
 * Finds how a known total of matching issues is spread over projects with as few counts as
 * possible: halve the project list and count only the left half, since the right half is the
 * parent's count minus the left's. Halves with nothing are never asked about again. For an account
 * active in k of P projects this costs about k·log2(P/k) counts instead of P.
 */
export type CountIn = (projectKeys: readonly string[]) => Promise<number>;

export async function spreadOverProjects(projectKeys: readonly string[], total: number, countIn: CountIn): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  await visit(projectKeys, total, countIn, found);
  return found;
}

async function visit(keys: readonly string[], count: number, countIn: CountIn, found: Map<string, number>): Promise<void> {
  // Counts are approximate on Jira (recent changes may lag): never trust a negative remainder.
  if (count <= 0 || keys.length === 0) return;
  if (keys.length === 1) {
    found.set(keys[0] as string, count);
    return;
  }
  const half = Math.ceil(keys.length / 2);
  const left = keys.slice(0, half);
  const right = keys.slice(half);
  const leftCount = Math.min(count, await countIn(left));
  await Promise.all([visit(left, leftCount, countIn, found), visit(right, count - leftCount, countIn, found)]);
}

/**
 * The same over tiers of projects, most likely first: one count per tier tells whether the rest of
 * the total lies beyond it, so that a tier with nothing costs one count and the last tier none.
 */
export async function spreadOverTiers(tiers: ReadonlyArray<readonly string[]>, total: number, countIn: CountIn): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  let left = total;
  const nonEmpty = tiers.filter((t) => t.length > 0);
  for (const [i, tier] of nonEmpty.entries()) {
    if (left <= 0) break;
    const inTier = i === nonEmpty.length - 1 ? left : Math.min(left, await countIn(tier));
    for (const [key, n] of await spreadOverProjects(tier, inTier, countIn)) found.set(key, n);
    left -= inTier;
  }
  return found;
}
