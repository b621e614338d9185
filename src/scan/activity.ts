import type { ProjectActivity } from '../contract';
import type { Fact } from '../activity/facts';
import { addCounts, ZERO, type CellCounts } from '../activity/ledger';
import { readHistory, readWorklogs } from '../activity/history-read';
import type { JiraClient } from '../jira/client';
import { approximateCount, searchIssuesPage } from '../jira/search';
import { countedPeriod, countedTouches, createdIn, excluding, inProjects, maybeWorkedIn, surelyWorkedIn, touchedSince, transitionedIn, workedOnSince, type Window } from './jql';
import { spreadOverProjects, spreadOverTiers } from './split';

/**
 * Below this many touched issues, reading the account's history (about 2 points an item) is
 * cheaper than locating it by counts (about log2(P) counts per project touched, and more per
 * breakdown), and gives exact figures for every action, comments included.
 */
export const READ_LIMIT = 15;

export interface ActivityInput {
  client: JiraClient;
  accountId: string;
  window: Window;
  /**
   * Project keys the app can browse: where activity is looked for, whatever the account's access
   * today (access removed after the work, deactivated accounts). Every count runs over exactly
   * these or a part of them, so that a remainder is never taken from a differently bounded count.
   */
  appProjects: readonly string[];
  /** Project keys the account can browse today (for access figures only). */
  accessible: readonly string[];
  /** Of those, where it can edit issues. */
  editable: readonly string[];
  projectNames: ReadonlyMap<string, string>;
  /** Issues touched in the window, when already counted (a hint: decides between reading and counting). */
  knownTotal?: number;
  /** The measurement's clock (ms); now by default. */
  now?: number;
}

export interface ActivityResult {
  projects: ProjectActivity[];
  issuesTouched: number;
  /** What the activity ledger keeps of it (activity/backfill.ts writeBackfill). */
  backfill: BackfillPart;
}

/**
 * The measurement as the ledger keeps it: per project, the history counted once for the period
 * [window.from, to), and the facts read after `to` (real-site mode: the recent tail), which go to
 * the ledger's days like events, so that events and reconciliation of those days dedupe by item.
 */
export interface BackfillPart {
  to: string;
  settled: ReadonlyMap<string, CellCounts>;
  tail: readonly Fact[];
}


/**
 * Activity of one identity per project over the window, exactly:
 * - few items: its history is read (searches, changelogs, worklogs);
 * - otherwise the window is split at the last settled day boundary (jql.ts countedPeriod). The
 *   recent tail is read exactly; the settled part is located by counts over the app's projects,
 *   leaving out the tail's items so that nothing counts twice; worklog candidates that JQL cannot
 *   decide are read.
 */
export async function measureActivity(input: ActivityInput): Promise<ActivityResult> {
  return (await locateActivity(input)).finish();
}

/** Where an identity worked, with exact touches; `finish` adds the breakdown and last activity. */
export interface LocatedActivity {
  issuesTouched: number;
  projectsTouched: number;
  /** `access`: where it can browse and edit, when known only now (rows show it; the default is the input's). */
  finish(access?: Pick<ActivityInput, 'accessible' | 'editable'>): Promise<ActivityResult>;
}

interface Measured {
  /** The block's figures (period [window.from, to)). */
  tallies: Map<string, CellCounts>;
  /** Where the block ends: the window's end with events, the settled day boundary without. */
  to: string;
  /** Facts from `to` on, counted per day like the ledger's days (real-site mode only). */
  tail: Fact[];
  detail: () => Promise<void>;
}

/**
 * The first half of measureActivity: locating the touches (enough to classify a person), so that
 * the breakdown is paid for only for identities that turn out to be integrations.
 */
export async function locateActivity(input: ActivityInput): Promise<LocatedActivity> {
  const measured: Measured = input.appProjects.length === 0 ? { tallies: new Map(), to: input.window.to ?? input.window.from, tail: [], detail: DONE } : await measureTallies(input);
  const tailTallies = perDayTallies(measured.tail);
  const sum = () => addTallies(measured.tallies, tailTallies);
  const touchedTallies = [...sum().values()].filter((t) => t.touches > 0);
  const issuesTouched = touchedTallies.reduce((n, t) => n + t.touches, 0);
  return {
    issuesTouched,
    projectsTouched: touchedTallies.length,
    finish: async (access) => {
      await measured.detail();
      return { projects: rows({ ...input, ...access }, sum()), issuesTouched, backfill: { to: measured.to, settled: measured.tallies, tail: measured.tail } };
    },
  };
}

/** The ledger's way to count facts: distinct items per project and day, days added up. */
function perDayTallies(facts: readonly Fact[]): Map<string, CellCounts> {
  const byDay = new Map<string, Fact[]>();
  for (const f of facts) {
    const day = new Date(f.at).toISOString().slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), f]);
  }
  let out = new Map<string, CellCounts>();
  for (const dayFacts of byDay.values()) out = addTallies(out, tallyOf(dayFacts, new Map()));
  return out;
}

function addTallies(a: ReadonlyMap<string, CellCounts>, b: ReadonlyMap<string, CellCounts>): Map<string, CellCounts> {
  const out = new Map([...a].map(([k, t]) => [k, { ...t }]));
  for (const [k, t] of b) {
    out.set(k, addCounts(out.get(k) ?? ZERO, t));
  }
  return out;
}

const DONE = async () => {};

async function measureTallies(input: ActivityInput): Promise<Measured> {
  const { client, accountId, window } = input;
  const apps = [...input.appProjects].sort();
  const count = (jql: string, keys: readonly string[]) => approximateCount(client, inProjects(jql, keys));
  const { countTo, tail } = countedPeriod(window, input.now ?? Date.now());
  // A zero over settled history is exact; recent changes may not be counted yet, so they are read.
  if (input.knownTotal === 0 && !tail) return { tallies: new Map(), to: window.to ?? countTo, tail: [], detail: DONE };
  const recent = tail ? await readHistory(client, accountId, countTo, window.to, apps) : { facts: [], touched: new Map<string, string>(), worklogCandidates: [] };
  // Without events (to null) the block ends where counts stop and the tail goes to the ledger's
  // days as facts: if events begin that day, they and reconciliation dedupe against it by item.
  // With events, the tail lies before their first day and belongs to the block (each item once).
  const split = window.to === null;
  const measured = (tallies: Map<string, CellCounts>, detail = DONE): Measured => (split ? { tallies, to: countTo, tail: recent.facts, detail } : { tallies, to: window.to ?? countTo, tail: [], detail });
  if (countTo <= window.from) return measured(split ? new Map() : tallyOf(recent.facts, recent.touched));

  // The settled part, without the tail's items when the block holds them (counted there already).
  const from = window.from;
  const skip = split ? [] : [...recent.touched.keys()];
  // Up to now, the tail's worklog candidates are exactly the items with a worklog since countTo.
  const workedLately = tail && window.to === null ? recent.worklogCandidates : await issueIds(client, inProjects(workedOnSince(accountId, countTo), apps));
  const counted = excluding(countedTouches(accountId, from, countTo, workedLately), skip);
  const total = await count(counted, apps);
  if (total > 0 && total <= READ_LIMIT) {
    // Few items: their history, read, gives every figure exactly (sets make the overlap with the tail harmless).
    const older = await readHistory(client, accountId, from, countTo, apps);
    return measured(split ? tallyOf(older.facts, older.touched) : tallyOf([...older.facts, ...recent.facts], new Map([...older.touched, ...recent.touched])));
  }
  const tallies = split ? new Map<string, CellCounts>() : tallyOf(recent.facts, recent.touched);
  const undecided = (await readWorklogs(client, accountId, from, countTo, inProjects(excluding(maybeWorkedIn(accountId, from, countTo), skip), apps))).facts;
  // Where it can edit, then where it can browse, then every other project: each tier a part of
  // exactly the projects of the total, so the last tier's remainder is exact.
  const editable = new Set(input.editable);
  const accessible = new Set(input.accessible);
  const tiers = [apps.filter((k) => editable.has(k)), apps.filter((k) => !editable.has(k) && accessible.has(k)), apps.filter((k) => !editable.has(k) && !accessible.has(k))];
  const touched = await spreadOverTiers(tiers, total, (keys) => count(counted, keys));
  const worked = new Map<string, Set<string>>();
  for (const f of undecided) if (f.projectKey !== null) (worked.get(f.projectKey) ?? worked.set(f.projectKey, new Set()).get(f.projectKey)!).add(f.issueId);
  const keys = [...new Set([...touched.keys(), ...worked.keys()])].sort();
  if (keys.length === 0) return measured(tallies);
  for (const key of keys) {
    const t = tallies.get(key) ?? { ...ZERO };
    const inCounts = touched.get(key) ?? 0;
    t.touches += inCounts + (worked.get(key)?.size ?? 0);
    // updatedBy does not tell edits from comments: before the tail, every item it touched is "updated".
    t.updated += inCounts;
    tallies.set(key, t);
  }

  const detail = async () => {
    // The breakdown, only where it touched something: each count over exactly those projects. A
    // figure that is a part of the counted items and adds up to all of them is all of them everywhere.
    const countedTotal = keys.reduce((n, k) => n + (touched.get(k) ?? 0), 0);
    const within = async (jql: string, partOfCounted = true) => {
      const n = await count(jql, keys);
      return partOfCounted && n === countedTotal ? new Map(touched) : spreadOverProjects(keys, n, (k) => count(jql, k));
    };
    const [created, transitioned, surelyWorked] = await Promise.all([
      within(createdIn(accountId, from, countTo), false),
      within(excluding(transitionedIn(accountId, from, countTo), skip)),
      within(excluding(surelyWorkedIn(accountId, from, countTo, workedLately), skip)),
    ]);
    for (const key of keys) {
      const t = tallies.get(key);
      if (!t) continue;
      t.created += created.get(key) ?? 0;
      t.transitioned += transitioned.get(key) ?? 0;
      t.worked += (surelyWorked.get(key) ?? 0) + (worked.get(key)?.size ?? 0);
    }
    // Last activity where the tail has none: the latest update of an item it touched (an upper
    // bound), from one search per identity over those projects, most recently updated first. It
    // gives the headline figure and each project among its first LAST_SAMPLE items; the others stay
    // unknown (null) rather than cost a search each (2 points per project touched: 11% of the large
    // site's backfill).
    const recentKeys = new Set(recent.touched.values());
    const needing = keys.filter((key) => !recentKeys.has(key));
    for (const [key, at] of await latestUpdates(client, counted, needing)) {
      const t = tallies.get(key);
      if (t) t.last = Math.max(t.last, at);
    }
  };
  return measured(tallies, detail);
}

/** Exact figures from facts: distinct items per action and in all, and the latest time. */
function tallyOf(facts: readonly Fact[], touched: ReadonlyMap<string, string>): Map<string, CellCounts> {
  const sets = new Map<string, { all: Set<string>; by: Map<Fact['action'], Set<string>>; last: number }>();
  const of = (key: string) => sets.get(key) ?? sets.set(key, { all: new Set(), by: new Map(), last: 0 }).get(key)!;
  for (const [id, key] of touched) of(key).all.add(id);
  for (const f of facts) {
    if (f.projectKey === null) continue;
    const s = of(f.projectKey);
    s.all.add(f.issueId);
    (s.by.get(f.action) ?? s.by.set(f.action, new Set()).get(f.action)!).add(f.issueId);
    s.last = Math.max(s.last, f.at);
  }
  const out = new Map<string, CellCounts>();
  for (const [key, s] of sets) {
    const n = (a: Fact['action']) => s.by.get(a)?.size ?? 0;
    out.set(key, { touches: s.all.size, created: n('created'), updated: n('updated'), transitioned: n('transitioned'), commented: n('commented'), worked: n('worked'), last: s.last });
  }
  return out;
}

function rows(input: ActivityInput, tallies: ReadonlyMap<string, CellCounts>): ProjectActivity[] {
  const accessible = new Set(input.accessible);
  const editable = new Set(input.editable);
  const keys = new Set([...accessible, ...[...tallies].filter(([, t]) => t.touches > 0).map(([k]) => k)]);
  return [...keys].sort().map((key): ProjectActivity => {
    const t = tallies.get(key) ?? ZERO;
    const active = t.touches > 0;
    return {
      projectKey: key,
      projectName: input.projectNames.get(key) ?? key,
      touches: t.touches,
      created: t.created,
      updated: t.updated,
      transitioned: t.transitioned,
      commented: t.commented,
      worked: t.worked,
      transitions: t.transitioned,
      worklogs: t.worked,
      comments: t.commented,
      lastActivity: t.last > 0 ? new Date(t.last).toISOString() : null,
      hasAccess: accessible.has(key),
      canEdit: editable.has(key),
      roles: [],
      unusedAccess: accessible.has(key) && !active,
    };
  });
}

/** Ids of the items a JQL matches (exact: a search, 1 point plus 1 per item). */
async function issueIds(client: JiraClient, jql: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await searchIssuesPage(client, jql, ['id'], token);
    ids.push(...page.issues.map((i) => i.id));
    token = page.nextPageToken ?? undefined;
  } while (token);
  return ids;
}

/** Items read per identity for last activity (1 point each, plus 1 for the search). */
export const LAST_SAMPLE = 3;

/** Per project, the latest update among the first LAST_SAMPLE items by update time (see detail above). */
async function latestUpdates(client: JiraClient, jql: string, projectKeys: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (projectKeys.length === 0) return out;
  const page = await searchIssuesPage(client, `${inProjects(jql, projectKeys)} ORDER BY updated DESC`, ['project', 'updated'], undefined, Math.min(projectKeys.length, LAST_SAMPLE));
  for (const issue of page.issues) {
    const f = issue.fields as { project?: { key?: string }; updated?: string };
    const at = f.updated ? Date.parse(f.updated) : 0;
    if (f.project?.key && at > (out.get(f.project.key) ?? 0)) out.set(f.project.key, at);
  }
  return out;
}

/**
 * An incremental refresh: one count over the app's projects tells whether the account did anything
 * since `sinceDay`; if it did, its window is measured again (exactly, as a full scan would).
 */
export async function refreshActivity(input: Omit<ActivityInput, 'knownTotal'>, sinceDay: string): Promise<ActivityResult | null> {
  if (input.appProjects.length === 0) return null;
  const delta = await approximateCount(input.client, inProjects(touchedSince(input.accountId, sinceDay), input.appProjects));
  // A change in the last minutes may not be counted yet: the next refresh, from the same day, sees it.
  if (delta === 0) return null;
  return measureActivity(input);
}
