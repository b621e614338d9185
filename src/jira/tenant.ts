import { getAppContext } from '@forge/api';

/**
 * The installation (tenant) the current invocation serves, from the Forge runtime: the key of every
 * in-memory cache, because one warm Node.js runtime serves many installations (Forge's shared
 * responsibility model, "Tenant safety"). Null when the runtime cannot say, and then nothing is cached.
 */
export function currentInstallation(): string | null {
  try {
    const ari = getAppContext().installationAri;
    const text = ari === undefined || ari === null ? '' : String(ari.toString());
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

/**
 * An in-memory cache that keeps each installation's entries apart, expires them and holds at most
 * `maxEntries` in all (the oldest go first). Without a known installation it keeps nothing.
 */
export class TenantCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
    private readonly installation: () => string | null = currentInstallation,
  ) {}

  get(key: string): V | undefined {
    const full = this.fullKey(key);
    if (full === null) return undefined;
    const hit = this.entries.get(full);
    if (!hit) return undefined;
    if (hit.expiresAt <= this.now()) {
      this.entries.delete(full);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V): void {
    const full = this.fullKey(key);
    if (full === null) return;
    this.entries.delete(full); // re-inserted last: the map's order is the age order
    this.entries.set(full, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Entries held, all installations together (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  private fullKey(key: string): string | null {
    const installation = this.installation();
    return installation === null ? null : JSON.stringify([installation, key]);
  }
}
