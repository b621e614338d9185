import type { SimSite } from '../sim';
import type { FunctionRunner } from './functions';
import type { HostManifest } from './manifest';

/**
 * Delivers the simulated site's product events to the manifest's `trigger` modules through the
 * real function runtime, the way Forge does: at least once, not always in order, not always at all.
 * Knobs (env or `POST /dev/events`): duplicate, drop (fractions 0..1), delayMs (each event waits
 * this long, plus up to as much again when reorder is on), reorder (deliveries of a batch shuffled).
 */
export interface DeliveryKnobs {
  duplicate: number;
  drop: number;
  delayMs: number;
  reorder: boolean;
  /** Off: changes raise no events (as on a real site seen through REST only). */
  enabled: boolean;
}

/** Trigger invocations in flight at once (Forge runs a trigger's invocations side by side). */
export const DELIVERY_CONCURRENCY = 50;

export const DEFAULT_KNOBS: DeliveryKnobs = { duplicate: 0, drop: 0, delayMs: 0, reorder: false, enabled: true };

export function knobsFromEnv(env: NodeJS.ProcessEnv): DeliveryKnobs {
  const fraction = (name: string) => {
    const v = env[name];
    if (v === undefined || v === '') return 0;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`${name} must be a fraction from 0 to 1 (got "${v}")`);
    return n;
  };
  const delay = env.EVENTS_DELAY_MS === undefined || env.EVENTS_DELAY_MS === '' ? 0 : Number(env.EVENTS_DELAY_MS);
  if (!Number.isFinite(delay) || delay < 0) throw new Error(`EVENTS_DELAY_MS must be a number of milliseconds (got "${env.EVENTS_DELAY_MS}")`);
  return { duplicate: fraction('EVENTS_DUPLICATE'), drop: fraction('EVENTS_DROP'), delayMs: delay, reorder: env.EVENTS_REORDER === '1', enabled: env.EVENTS_OFF !== '1' };
}

export function validateKnobs(input: unknown, current: DeliveryKnobs): DeliveryKnobs {
  if (typeof input !== 'object' || input === null) throw new Error('Send a JSON object with any of duplicate, drop, delayMs, reorder, enabled');
  const o = input as Record<string, unknown>;
  const next = { ...current };
  for (const key of Object.keys(o)) {
    const v = o[key];
    if ((key === 'duplicate' || key === 'drop') && typeof v === 'number' && v >= 0 && v <= 1) next[key] = v;
    else if (key === 'delayMs' && typeof v === 'number' && v >= 0 && v <= 600_000) next.delayMs = v;
    else if ((key === 'reorder' || key === 'enabled') && typeof v === 'boolean') next[key] = v;
    else throw new Error(`Unknown or invalid knob "${key}": duplicate and drop are fractions 0..1, delayMs 0..600000, reorder and enabled booleans`);
  }
  return next;
}

interface Pending {
  dueAt: number;
  seq: number;
  triggerKey: string;
  payload: Record<string, unknown>;
}

export interface ProductEventStats {
  raised: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  failed: number;
}

export class ProductEventBus {
  knobs: DeliveryKnobs;
  readonly stats: ProductEventStats = { raised: 0, delivered: 0, dropped: 0, duplicated: 0, failed: 0 };
  private pending: Pending[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private random: () => number;

  constructor(
    private readonly manifest: HostManifest,
    private readonly functions: FunctionRunner,
    knobs: DeliveryKnobs = DEFAULT_KNOBS,
    seed = 1,
  ) {
    this.knobs = knobs;
    let s = seed >>> 0 || 1;
    // A small deterministic generator: the same knobs and changes give the same deliveries.
    this.random = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 4_294_967_296;
    };
  }

  /** Starts listening to the site; deliveries then run on a timer (off in tests that flush by hand). */
  attach(site: SimSite, { autoFlush }: { autoFlush: boolean }): void {
    this.unsubscribe = site.productEvents.subscribe((e) => this.raise(e.eventType, e.payload));
    if (autoFlush) this.timer = setInterval(() => void this.flush(false), 250);
  }

  private raise(eventType: string, payload: Record<string, unknown>): void {
    if (!this.knobs.enabled) return;
    const triggers = this.manifest.triggers.filter((t) => t.events.includes(eventType));
    if (triggers.length === 0) return;
    this.stats.raised++;
    if (this.random() < this.knobs.drop) {
      this.stats.dropped++;
      return;
    }
    const copies = this.random() < this.knobs.duplicate ? 2 : 1;
    if (copies === 2) this.stats.duplicated++;
    const now = Date.now();
    for (const t of triggers) {
      for (let i = 0; i < copies; i++) {
        const jitter = this.knobs.reorder ? this.random() * Math.max(this.knobs.delayMs, 1_000) : 0;
        this.pending.push({ dueAt: now + this.knobs.delayMs + jitter, seq: this.seq++, triggerKey: t.key, payload: structuredClone(payload) });
      }
    }
  }

  /** Delivers due events (all of them when `all`) as trigger invocations, up to DELIVERY_CONCURRENCY at a time. */
  flush(all = true): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (all ? this.flush(true) : undefined));
    // Cleared once the run has ended (a run with nothing due ends at once, before this assignment:
    // clearing it inside the run would leave a settled promise here for ever).
    this.flushing = (async () => {
      for (;;) {
        const now = Date.now();
        const due = this.pending.filter((p) => all || p.dueAt <= now);
        if (due.length === 0) return;
        const dueSet = new Set(due);
        this.pending = this.pending.filter((p) => !dueSet.has(p));
        due.sort((a, b) => (this.knobs.reorder ? a.dueAt - b.dueAt : a.seq - b.seq));
        if (this.knobs.reorder) shuffleNear(due, this.random);
        // Forge invokes a trigger once per event, side by side: up to DELIVERY_CONCURRENCY at a time.
        let next = 0;
        const worker = async () => {
          while (next < due.length) {
            const p = due[next++] as Pending;
            await this.deliverOne(p);
          }
        };
        await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, due.length) }, worker));
      }
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async deliverOne(p: Pending): Promise<void> {
    try {
      await this.functions.runProductEvent(p.triggerKey, p.payload);
      this.stats.delivered++;
    } catch (e) {
      // Forge retries a failed trigger a few times; here a failure counts and the event is retried once.
      this.stats.failed++;
      try {
        await this.functions.runProductEvent(p.triggerKey, p.payload);
        this.stats.delivered++;
      } catch {
        console.warn(`[host] product event ${String(p.payload.eventType)} failed twice: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  get backlog(): number {
    return this.pending.length;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }
}

/** Swaps neighbours at random: deliveries come close to, not exactly in, the order of the changes. */
function shuffleNear<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.max(0, i - 1 - Math.floor(random() * 3));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
