import { join } from 'node:path';
import { createSimSite, type SimSite } from '../sim';
import { KvsStore, StorageRateLimiter, PUBLISHED_STORAGE_LIMITS, type StorageRateLimits } from './kvs';
import { lockDataDir } from './data-dir-lock';
import { createForgeFetch } from './forge-fetch';
import { installEgress } from './egress';
import { FunctionRunner, type BackendModules } from './functions';
import type { JiraGateway } from './jira-gateway';
import { loadManifest, type HostManifest } from './manifest';
import { EventQueue } from './queue';
import { RealSiteGateway, type RealSiteConfig } from './real-site';
import { installForgeRuntime, uninstallForgeRuntime } from './runtime';
import { Scheduler } from './scheduler';
import { DEFAULT_KNOBS, ProductEventBus, type DeliveryKnobs } from './product-events';
import { SimGateway } from './sim-gateway';

export interface HostOptions {
  manifestFile: string;
  backend: BackendModules;
  /** Holds the SQLite files; ':memory:' keeps everything in memory (tests). */
  dataDir: string;
  site: 'demo' | 'large';
  realSite?: RealSiteConfig;
  /** Where the simulated site's history ends (tests that compare scans taken hours apart pin it). */
  simDataAnchor?: number;
  /** Runs scheduled triggers on their intervals (off in tests, which call them directly). */
  runSchedules?: boolean;
  /** Forge storage's rate limits per installation; the published ones unless a test or benchmark says otherwise. */
  storageLimits?: StorageRateLimits;
  /**
   * The monotonic clock (ms) storage's rate windows slide on; real time unless a benchmark on a
   * virtual clock passes its own, so that a minute the clock skips is a minute for the limits too.
   */
  storageClock?: () => number;
  /** How the simulated site's product events reach the triggers (default: every event, at once). */
  productEvents?: DeliveryKnobs;
  /** Deliver product events on a timer (npm start); tests and the bench call productEvents.flush(). */
  autoDeliverEvents?: boolean;
  /**
   * Which installation (tenant) this host is. Several hosts in one process are several installations
   * of the app, each with its own storage, site, queue and identity; tests use a second one to prove
   * that nothing crosses between tenants. `nameTag` marks every display name of its simulated site.
   */
  installation?: { cloudId: string; installationId: string; siteUrl: string; nameTag?: string };
}

export interface Persona {
  accountId: string;
  displayName: string;
  role: 'site-admin' | 'project-admin' | 'user';
  projects: string[];
}

/** The local Forge host: the real back end, KVS, queue, triggers and a Jira site, wired like Forge. */
export interface Host {
  manifest: HostManifest;
  functions: FunctionRunner;
  queue: EventQueue;
  jira: JiraGateway;
  /** Present when Jira is simulated. */
  sim: SimSite | null;
  /** The installation's storage rate limiter (tests start 429 storms with `storage.storm(n)`). */
  storage: StorageRateLimiter;
  /** Product events from the simulated site to the manifest's triggers (null on a real site). */
  productEvents: ProductEventBus | null;
  cloudId: string;
  siteUrl: string;
  personas(): Persona[];
  close(): void;
}

const DEFAULT_INSTALLATION = { cloudId: '7f3e1b2a-0c4d-4e5f-8a9b-1c2d3e4f5a6b', installationId: 'local-installation', siteUrl: 'https://local-site.atlassian.net' };

export function createHost(options: HostOptions): Host {
  const manifest = loadManifest(options.manifestFile);
  const file = (name: string) => (options.dataDir === ':memory:' ? ':memory:' : join(options.dataDir, name));
  const storage = new StorageRateLimiter(options.storageLimits ?? PUBLISHED_STORAGE_LIMITS, options.storageClock);
  // One host per DATA_DIR: the second stops here, before it touches the store or the queue.
  const lock = options.dataDir === ':memory:' ? null : lockDataDir(options.dataDir);
  let kvs: KvsStore;
  try {
    kvs = KvsStore.open(file('kvs.sqlite'), { entities: manifest.entities, rateLimiter: storage });
  } catch (e) {
    lock?.release();
    throw e;
  }
  const installation = options.installation ?? DEFAULT_INSTALLATION;
  const sim = options.realSite
    ? null
    : createSimSite({
        size: options.site,
        ...(options.simDataAnchor === undefined ? {} : { dataAnchor: options.simDataAnchor }),
        ...(options.installation?.nameTag ? { nameTag: options.installation.nameTag } : {}),
      });
  const jira: JiraGateway = options.realSite ? new RealSiteGateway(options.realSite) : new SimGateway(sim as SimSite, options.site);
  const installContext = `ari:cloud:jira::site/${installation.cloudId}`;
  const owner = {};
  let stopped = false;
  const functions = new FunctionRunner(manifest, options.backend, installContext, owner);
  installEgress({ manifestFile: options.manifestFile, sim, owner });
  let queue: EventQueue;
  try {
    queue = new EventQueue(file('events.sqlite'), (event) => functions.deliverEvent(event));
  } catch (e) {
    kvs.close();
    lock?.release();
    throw e;
  }
  installForgeRuntime(
    { appId: manifest.appId.split('/').pop() ?? 'local', environmentId: 'local-development', installationId: installation.installationId, cloudId: installation.cloudId, scopes: manifest.scopes },
    createForgeFetch({ kvs, jira, queue, owner, stopped: () => stopped }),
    owner,
  );
  queue.start();
  const productEvents = sim ? new ProductEventBus(manifest, functions, options.productEvents ?? DEFAULT_KNOBS) : null;
  if (sim && productEvents) productEvents.attach(sim, { autoFlush: options.autoDeliverEvents ?? false });
  const scheduler = new Scheduler(manifest.scheduledTriggers, (key) => functions.runTrigger(key));
  if (options.runSchedules) scheduler.start();
  const siteUrl = options.realSite ? new URL(options.realSite.baseUrl).origin : installation.siteUrl;
  return {
    manifest,
    functions,
    queue,
    jira,
    sim,
    storage,
    productEvents,
    cloudId: installation.cloudId,
    siteUrl,
    personas: () => (sim ? sim.personas() : []),
    close() {
      stopped = true;
      productEvents?.close();
      scheduler.stop();
      queue.close();
      kvs.close();
      lock?.release();
      uninstallForgeRuntime(owner);
    },
  };
}
