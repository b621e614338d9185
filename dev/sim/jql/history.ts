// History-based lookups over the per-actor event index: updatedBy(), worklogAuthor, CHANGED BY.
import type { SiteData } from '../model.js';
import { countsForUpdatedBy, EVENT_KIND } from '../store/issues.js';

/** Issues the actor created, changed a field of, or commented on / edited a comment of, within [from, to]. */
export function issuesUpdatedBy(site: SiteData, actor: number, from: number, to: number): Set<number> {
  const s = site.issues;
  const out = new Set<number>();
  s.forEachEventOfActor(actor, (e) => {
    const t = s.evTime.get(e);
    if (t >= from && t <= to && countsForUpdatedBy(s.evKind.get(e))) out.add(s.evIssue.get(e));
  });
  return out;
}

/** Issues with a worklog by the actor (logged at or before `asOf`, when given). */
export function issuesWithWorklogBy(site: SiteData, actor: number, asOf = Number.MAX_SAFE_INTEGER): Set<number> {
  const s = site.issues;
  const out = new Set<number>();
  s.forEachEventOfActor(actor, (e) => {
    if (s.evKind.get(e) === EVENT_KIND.worklog && s.evTime.get(e) <= asOf) out.add(s.evIssue.get(e));
  });
  return out;
}

export interface StatusChangeFilter {
  actors?: Set<number>;
  after?: number;
  before?: number;
  from?: Set<number>;
  to?: Set<number>;
}

/** Issues with a status transition matching every given condition. */
export function issuesWithStatusChange(site: SiteData, f: StatusChangeFilter): Set<number> {
  const s = site.issues;
  const out = new Set<number>();
  const check = (e: number): void => {
    if (s.evKind.get(e) !== EVENT_KIND.status) return;
    const t = s.evTime.get(e);
    if (f.after !== undefined && t <= f.after) return;
    if (f.before !== undefined && t >= f.before) return;
    const extra = s.evExtra.get(e);
    if (f.from && !f.from.has(extra >> 4)) return;
    if (f.to && !f.to.has(extra & 15)) return;
    out.add(s.evIssue.get(e));
  };
  if (f.actors) for (const a of f.actors) s.forEachEventOfActor(a, check);
  else for (let e = 0; e < s.eventCount; e++) check(e);
  return out;
}
