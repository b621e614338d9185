import type { Caller } from './caller';

/**
 * One log line per refused call: which resolver, which policy, who, from where, and why. Never the
 * payload (it may hold secrets a person pasted). Values are JSON-quoted so that a crafted value
 * cannot forge log lines with line breaks.
 */
export function logRefusal(entry: { resolverKey: string; policy: string; caller: Caller; reason: string }): void {
  const { resolverKey, policy, caller, reason } = entry;
  const fields = {
    resolver: resolverKey,
    policy,
    account: caller.accountId ?? 'none',
    module: caller.moduleKey ?? 'none',
    project: caller.projectKey ?? 'none',
    reason,
  };
  console.warn(`[access] refused ${Object.entries(fields).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);
}
