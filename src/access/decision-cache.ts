/**
 * A short-lived memo of access decisions, so that a page that makes several calls does not pay
 * Jira's points for the same permission check each time. Keyed by installation and user (and what
 * was asked), never shared across installations. Only answers are kept: a check that failed is not
 * cached, so the next call asks Jira again. The TTL is short because a revoked role must stop working
 * soon (ASVS 8.3.2).
 */
export const ACCESS_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

export class DecisionCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number = ACCESS_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached answer for (installation, account, question), or asks `check` and keeps its answer. */
  async get(scope: { installContext: string | null; accountId: string }, question: string, check: () => Promise<T>): Promise<T> {
    // Without a known installation there is nothing safe to key on: always ask.
    if (!scope.installContext || this.ttlMs <= 0) return check();
    const key = JSON.stringify([scope.installContext, scope.accountId, question]);
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    this.entries.delete(key);
    const value = await check();
    if (this.entries.size >= MAX_ENTRIES) this.evictExpiredOrOldest();
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  private evictExpiredOrOldest(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    const oldest = this.entries.keys().next();
    if (this.entries.size >= MAX_ENTRIES && !oldest.done) this.entries.delete(oldest.value);
  }
}
