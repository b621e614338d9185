import type { HostManifest } from './manifest';
import type { DeliveryOutcome, QueuedEvent } from './queue';
import { runInvocation } from './runtime';

/** The back end's modules by file name ("index" for src/index.ts), as Forge loads them from handler paths. */
export type BackendModules = Record<string, Record<string, unknown>>;

type FunctionHandler = (payload: unknown, context: unknown) => Promise<unknown>;

export interface UiInvocation {
  accountId?: string;
  moduleKey: string;
  functionKey: string;
  payload: unknown;
  /** The front-end context Forge sends with a Custom UI call (extension, localId, …). */
  frontendContext: Record<string, unknown>;
}

// UI resolvers have 25 s on Forge (limits-invocation).
const UI_RESOLVER_TIMEOUT_MS = 25_000;

/** Calls the back end's functions the way Forge does for each kind of module. */
export class FunctionRunner {
  constructor(
    private readonly manifest: HostManifest,
    private readonly modules: BackendModules,
    private readonly installContext: string,
    /** Marks every invocation this runner starts, so that the host can cut them off when it stops. */
    private readonly owner: object = {},
  ) {}

  /** A Custom UI `invoke`: the resolver function of the module, with the caller as principal. */
  async invokeResolver(call: UiInvocation): Promise<unknown> {
    const page = this.manifest.pages.get(call.moduleKey);
    if (!page) throw new HostError(400, `Unknown module key "${call.moduleKey}"; manifest.yml declares ${[...this.manifest.pages.keys()].join(', ')}`);
    const handler = this.handler(page.resolverFunction);
    return runInvocation(
      { owner: this.owner, functionKey: page.resolverFunction, moduleKey: call.moduleKey, moduleType: page.type, timeoutMs: UI_RESOLVER_TIMEOUT_MS, ...(call.accountId ? { accountId: call.accountId } : {}) },
      () =>
        withTimeout(
          handler(
            { call: { functionKey: call.functionKey, payload: call.payload }, context: call.frontendContext },
            { installContext: this.installContext, ...(call.accountId ? { principal: { accountId: call.accountId } } : {}) },
          ),
          UI_RESOLVER_TIMEOUT_MS,
          `resolver ${call.functionKey}`,
        ),
    );
  }

  /**
   * Delivers one async event to the consumer declared for its queue, as Forge does with @forge/events
   * 2 and later: the consumer's function gets the AsyncEvent itself (the pushed body, delayInSeconds
   * and concurrency as pushed, queueName, jobId, eventId, and retryContext on a retry) and the
   * invocation context (installContext), as every Forge function does.
   */
  async deliverEvent(event: QueuedEvent): Promise<DeliveryOutcome> {
    const consumer = this.manifest.consumers.find((c) => c.queue === event.queueName);
    if (!consumer) return { kind: 'retry', afterSeconds: 5, reason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', retryData: `no consumer for queue ${event.queueName}` };
    const fn = this.manifest.functions.get(consumer.functionKey);
    const timeoutMs = (fn?.timeoutSeconds ?? 55) * 1000;
    const handler = this.handler(consumer.functionKey);
    const result = await runInvocation({ owner: this.owner, functionKey: consumer.functionKey, moduleKey: consumer.key, moduleType: 'core:consumer', timeoutMs }, () =>
      withTimeout(handler(event, { installContext: this.installContext }), timeoutMs, `consumer ${consumer.key}`),
    ).catch((e: unknown) => ({
      _retry: true,
      retryOptions: { retryAfter: 1, retryReason: e instanceof TimeoutError ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR', retryData: e instanceof Error ? e.message : String(e) },
    }));
    if (isRetryRequest(result)) {
      const { retryAfter, retryReason, retryData } = result.retryOptions;
      return { kind: 'retry', afterSeconds: retryAfter ?? 1, reason: retryReason ?? 'FUNCTION_RETRY_REQUEST', ...(retryData === undefined ? {} : { retryData }) };
    }
    return { kind: 'done' };
  }

  /** Runs a scheduled trigger once (no user: triggers run as the app). */
  async runTrigger(triggerKey: string): Promise<unknown> {
    const trigger = this.manifest.scheduledTriggers.find((t) => t.key === triggerKey);
    if (!trigger) throw new HostError(404, `No scheduled trigger "${triggerKey}" in manifest.yml`);
    const fn = this.manifest.functions.get(trigger.functionKey);
    const timeoutMs = (fn?.timeoutSeconds ?? 55) * 1000;
    const handler = this.handler(trigger.functionKey);
    return runInvocation({ owner: this.owner, functionKey: trigger.functionKey, moduleKey: trigger.key, moduleType: 'core:scheduledTrigger', timeoutMs }, () =>
      withTimeout(handler({ context: { cloudId: this.installContext.split('/').pop(), moduleKey: trigger.key } }, { installContext: this.installContext }), timeoutMs, `trigger ${trigger.key}`),
    );
  }

  /** Runs a product-event trigger with one event's payload (triggers run as the app; the actor is in atlassianId). */
  async runProductEvent(triggerKey: string, payload: Record<string, unknown>): Promise<unknown> {
    const trigger = this.manifest.triggers.find((t) => t.key === triggerKey);
    if (!trigger) throw new HostError(404, `No trigger "${triggerKey}" in manifest.yml`);
    const fn = this.manifest.functions.get(trigger.functionKey);
    const timeoutMs = (fn?.timeoutSeconds ?? 55) * 1000;
    const handler = this.handler(trigger.functionKey);
    return runInvocation({ owner: this.owner, functionKey: trigger.functionKey, moduleKey: trigger.key, moduleType: 'core:trigger', timeoutMs }, () =>
      withTimeout(handler({ ...payload, context: { cloudId: this.installContext.split('/').pop(), moduleKey: trigger.key } }, { installContext: this.installContext }), timeoutMs, `trigger ${trigger.key}`),
    );
  }

  private handler(functionKey: string): FunctionHandler {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new HostError(500, `manifest.yml has no function "${functionKey}"`);
    const exported = this.modules[fn.module]?.[fn.exportName];
    if (typeof exported !== 'function') throw new HostError(500, `The back end does not export ${fn.exportName} from src/${fn.module}.ts (function "${functionKey}")`);
    return exported as FunctionHandler;
  }
}

/** An error with the HTTP status the host should answer with. */
export class HostError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} ran longer than ${ms / 1000} s, Forge's limit`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function isRetryRequest(v: unknown): v is { _retry: true; retryOptions: { retryAfter?: number; retryReason?: string; retryData?: unknown } } {
  return typeof v === 'object' && v !== null && (v as { _retry?: unknown })._retry === true;
}
