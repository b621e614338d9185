// Generates every account of the site: personas, people (some of them automations), service
// accounts, Rovo agents and app accounts.
import type { Rng } from '../prng.js';
import type { SimUser } from '../model.js';
import type { SizeSpec } from './sizes.js';
import { AGENT_NAMES, APP_NAMES, AUTOMATION_PERSON_SUFFIXES, FIRST_NAMES, LAST_NAMES, SERVICE_ACCOUNT_NAMES, TIME_ZONES } from './names.js';

/** Fixed ids so that URLs such as /admin?as=… stay the same for every seed. */
export const PERSONA_IDS = {
  siteAdmin: '712020:persona-site-admin',
  projectAdminA: '712020:persona-project-admin-a',
  projectAdminB: '712020:persona-project-admin-b',
  user: '712020:persona-user',
} as const;

const PERSONA_NAMES: Record<keyof typeof PERSONA_IDS, string> = {
  siteAdmin: 'Sam Site-Admin',
  projectAdminA: 'Alex Project-Admin',
  projectAdminB: 'Billie Project-Admin',
  user: 'Uma User',
};

export function generateAccounts(rng: Rng, size: SizeSpec): SimUser[] {
  const users: SimUser[] = [];
  const add = (u: Omit<SimUser, 'idx' | 'groupIdxs'>): SimUser => {
    const user: SimUser = { ...u, idx: users.length, groupIdxs: new Set() };
    users.push(user);
    return user;
  };
  const usedNames = new Set<string>();
  const personName = (): string => {
    for (;;) {
      const base = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
      const name = usedNames.has(base) ? `${base} ${usedNames.size}` : base;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const person = (accountId: string, displayName: string, automationLike = false, active = true): SimUser =>
    add({
      accountId,
      displayName,
      kind: 'person',
      accountType: 'atlassian',
      email: `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')}@example.com`,
      emailVisible: rng.chance(0.7),
      active,
      timeZone: rng.pick(TIME_ZONES),
      locale: 'en_US',
      automationLike,
    });

  for (const key of Object.keys(PERSONA_IDS) as Array<keyof typeof PERSONA_IDS>) {
    person(PERSONA_IDS[key], PERSONA_NAMES[key]);
  }
  const ordinary = size.people - Object.keys(PERSONA_IDS).length - size.automationPeople;
  for (let i = 0; i < ordinary; i++) {
    person(`712020:${rng.uuid()}`, personName(), false, i >= ordinary - size.inactivePeople ? false : true);
  }
  for (let i = 0; i < size.automationPeople; i++) {
    const suffix = AUTOMATION_PERSON_SUFFIXES[i % AUTOMATION_PERSON_SUFFIXES.length] ?? '';
    person(`712020:${rng.uuid()}`, `${personName()} ${suffix}`, true);
  }
  for (let i = 0; i < size.serviceAccounts; i++) {
    const base = SERVICE_ACCOUNT_NAMES[i % SERVICE_ACCOUNT_NAMES.length] ?? 'svc';
    const name = i < SERVICE_ACCOUNT_NAMES.length ? base : `${base}-${Math.floor(i / SERVICE_ACCOUNT_NAMES.length) + 1}`;
    add({
      accountId: `712020:${rng.uuid()}`,
      displayName: name,
      kind: 'service',
      accountType: 'app',
      appType: 'service',
      email: `${name}-${rng.hex(6)}@serviceaccount.atlassian.com`,
      emailVisible: rng.chance(0.8),
      active: true,
      timeZone: 'UTC',
      locale: 'en_US',
      automationLike: true,
    });
  }
  for (let i = 0; i < size.agents; i++) {
    const base = AGENT_NAMES[i % AGENT_NAMES.length] ?? 'Rovo Agent';
    add({
      accountId: `712020:${rng.uuid()}`,
      displayName: i < AGENT_NAMES.length ? base : `${base} ${Math.floor(i / AGENT_NAMES.length) + 1}`,
      kind: 'agent',
      accountType: 'app',
      appType: 'agent',
      emailVisible: false,
      active: true,
      timeZone: 'UTC',
      locale: 'en_US',
      automationLike: true,
    });
  }
  for (let i = 0; i < size.appAccounts; i++) {
    const base = APP_NAMES[i % APP_NAMES.length] ?? 'App';
    add({
      accountId: `557058:${rng.uuid()}`,
      displayName: i < APP_NAMES.length ? base : `${base} ${Math.floor(i / APP_NAMES.length) + 1}`,
      kind: 'app',
      accountType: 'app',
      // Forge bots show no appType on some sites, Connect/OAuth apps "unknown" (UNCONFIRMED, §1.2): keep both.
      ...(i % 2 === 0 ? {} : { appType: 'unknown' as const }),
      emailVisible: false,
      active: true,
      timeZone: 'UTC',
      locale: 'en_US',
      automationLike: true,
    });
  }
  return users;
}
