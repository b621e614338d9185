import type { AsyncEvent, PushEvent } from '@forge/events';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { openSqlite } from './sqlite-file';

/** One event as its consumer function receives it: @forge/events' own AsyncEvent type. */
export type QueuedEvent = AsyncEvent;

/** What a consumer's run came to: done, or retry later (thrown error or a returned InvocationError). */
export type DeliveryOutcome = { kind: 'done' } | { kind: 'retry'; afterSeconds: number; reason: string; retryData?: unknown };

export type Deliver = (event: QueuedEvent) => Promise<DeliveryOutcome>;

// Forge retries a failed event a few times before giving up (limits-async-events).
const MAX_RETRIES = 4;

/**
 * A durable queue for @forge/events on SQLite: pushes are stored before they are acknowledged, and
 * an event that was running when the host stopped runs again at the next start (at-least-once, as on
 * Forge), so a consumer killed halfway is retried rather than lost.
 */
export class EventQueue {
  private readonly db: Database.Database;
  private timer: NodeJS.Timeout | null = null;
  private running = 0;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    file: string,
    private readonly deliver: Deliver,
    private readonly now: () => number = Date.now,
  ) {
    this.db = openSqlite(file, 'the async-event queue', 'events');
    this.db.exec(`CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, queue TEXT NOT NULL, job_id TEXT NOT NULL,
      body TEXT NOT NULL, run_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL CHECK (status IN ('pending','running','done','failed','cancelled')), retry_context TEXT)`);
    // delayInSeconds and concurrency as pushed: the consumer sees them on its event (data files from before had none).
    const columns = this.db.prepare(`SELECT name FROM pragma_table_info('events')`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'push_options')) this.db.exec(`ALTER TABLE events ADD COLUMN push_options TEXT`);
    // Events that were running when the host stopped are run again, as Forge retries an invocation
    // that died: with a retry context, so the consumer can tell.
    this.db
      .prepare(
        `UPDATE events SET status = 'pending', retry_context = json_object('retryCount', attempts, 'retryReason', 'FUNCTION_PLATFORM_UNKNOWN_ERROR') WHERE status = 'running'`,
      )
      .run();
  }

  /** Handles the queue paths @forge/events posts to; answers like Forge's queue service. */
  handle(path: string, body: unknown): { status: number; body?: unknown } {
    const request = (body ?? {}) as { queueName?: string; jobId?: string; payload?: PushEvent[] };
    if (path.startsWith('/webhook/queue/publish/')) {
      if (!request.queueName || !request.jobId || !Array.isArray(request.payload)) return { status: 400, body: { errorMessage: 'Malformed push request' } };
      this.push(request.queueName, request.jobId, request.payload);
      return { status: 201, body: {} };
    }
    if (path.startsWith('/webhook/queue/stats/')) {
      const stats = this.stats(request.queueName ?? '', request.jobId ?? '');
      return stats ? { status: 200, body: stats } : { status: 404, body: { errorMessage: 'Job not found' } };
    }
    if (path.startsWith('/webhook/queue/cancel/')) {
      const changed = this.db.prepare(`UPDATE events SET status = 'cancelled' WHERE queue = ? AND job_id = ? AND status = 'pending'`).run(request.queueName, request.jobId).changes;
      return changed > 0 || this.stats(request.queueName ?? '', request.jobId ?? '') ? { status: 204 } : { status: 404, body: { errorMessage: 'Job not found' } };
    }
    return { status: 404, body: { errorMessage: `Unknown queue path ${path}` } };
  }

  push(queueName: string, jobId: string, events: PushEvent[]): void {
    const insert = this.db.prepare(`INSERT INTO events (event_id, queue, job_id, body, push_options, run_at, status) VALUES (?, ?, ?, ?, ?, ?, 'pending')`);
    const now = this.now();
    this.db.transaction(() => {
      for (const { body, ...options } of events) insert.run(randomUUID(), queueName, jobId, JSON.stringify(body), JSON.stringify(options), now + (options.delayInSeconds ?? 0) * 1000);
    })();
    this.kick();
  }

  stats(queueName: string, jobId: string): { success: number; inProgress: number; failed: number } | null {
    const rows = this.db.prepare(`SELECT status, COUNT(*) AS n FROM events WHERE queue = ? AND job_id = ? GROUP BY status`).all(queueName, jobId) as Array<{ status: string; n: number }>;
    if (rows.length === 0) return null;
    const count = (s: string[]) => rows.filter((r) => s.includes(r.status)).reduce((a, r) => a + r.n, 0);
    return { success: count(['done']), inProgress: count(['pending', 'running']), failed: count(['failed', 'cancelled']) };
  }

  /** Starts delivering due events in the background. */
  start(pollMs = 100): void {
    if (!this.timer) this.timer = setInterval(() => this.kick(), pollMs);
    this.kick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Resolves when no event is pending (due or delayed) or running: every job has settled (for tests and tools). */
  async idle(): Promise<void> {
    while (!this.closed && (this.running > 0 || this.pendingCount() > 0)) {
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        // Delayed events become due with time, not with a push: look again shortly.
        setTimeout(resolve, 50);
      });
    }
  }

  /** When the next pending event is due (ms), or null when nothing is pending; for tools that skip idle time. */
  nextRunAt(): number | null {
    const row = this.db.prepare(`SELECT MIN(run_at) AS at FROM events WHERE status = 'pending'`).get() as { at: number | null };
    return row.at;
  }

  /** Looks for due events now instead of at the next poll (a tool that moved the clock forward). */
  wake(): void {
    this.kick();
  }

  /** Whether a consumer is running right now. */
  busy(): boolean {
    return this.running > 0;
  }

  private pendingCount(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM events WHERE status IN ('pending', 'running')`).get() as { n: number }).n;
  }

  close(): void {
    this.stop();
    this.closed = true;
    this.db.close();
    this.idleWaiters.splice(0).forEach((w) => w());
  }

  private nextDue(): { seq: number; event_id: string; queue: string; job_id: string; body: string; push_options: string | null; attempts: number; retry_context: string | null } | undefined {
    return this.db
      .prepare(`SELECT seq, event_id, queue, job_id, body, push_options, attempts, retry_context FROM events WHERE status = 'pending' AND run_at <= ? ORDER BY run_at, seq LIMIT 1`)
      .get(this.now()) as ReturnType<EventQueue['nextDue']>;
  }

  private kick(): void {
    if (this.closed || this.running > 0) return;
    const row = this.nextDue();
    if (!row) {
      this.idleWaiters.splice(0).forEach((w) => w());
      return;
    }
    this.running++;
    this.db.prepare(`UPDATE events SET status = 'running', attempts = attempts + 1 WHERE seq = ?`).run(row.seq);
    const event: QueuedEvent = {
      ...(row.push_options ? (JSON.parse(row.push_options) as Omit<PushEvent, 'body'>) : {}),
      queueName: row.queue,
      jobId: row.job_id,
      eventId: row.event_id,
      body: JSON.parse(row.body) as Record<string, unknown>,
      ...(row.retry_context ? { retryContext: JSON.parse(row.retry_context) as QueuedEvent['retryContext'] } : {}),
    };
    this.deliver(event)
      .catch((e: unknown): DeliveryOutcome => ({ kind: 'retry', afterSeconds: 1, reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', retryData: String(e) }))
      .then((outcome) => this.settle(row.seq, row.attempts + 1, outcome))
      .finally(() => {
        this.running--;
        this.kick();
      });
  }

  private describe(seq: number): string {
    return (this.db.prepare(`SELECT queue FROM events WHERE seq = ?`).get(seq) as { queue: string } | undefined)?.queue ?? 'unknown queue';
  }

  private settle(seq: number, attempts: number, outcome: DeliveryOutcome): void {
    // A run that ends after the host closed is left 'running', to be run again at the next start.
    if (this.closed) return;
    if (outcome.kind === 'done') {
      this.db.prepare(`UPDATE events SET status = 'done' WHERE seq = ?`).run(seq);
      return;
    }
    if (attempts > MAX_RETRIES) {
      console.warn(`[queue] event ${seq} failed ${attempts} times (${outcome.reason}); giving up as Forge does`);
      this.db.prepare(`UPDATE events SET status = 'failed' WHERE seq = ?`).run(seq);
      return;
    }
    console.warn(`[queue] event ${seq} on ${this.describe(seq)} will be retried in ${outcome.afterSeconds} s (${outcome.reason}${typeof outcome.retryData === 'string' ? `: ${outcome.retryData}` : ''})`);
    const retryContext = { retryCount: attempts, retryReason: outcome.reason, ...(outcome.retryData === undefined ? {} : { retryData: outcome.retryData }) };
    this.db
      .prepare(`UPDATE events SET status = 'pending', run_at = ?, retry_context = ? WHERE seq = ?`)
      .run(this.now() + outcome.afterSeconds * 1000, JSON.stringify(retryContext), seq);
  }
}
