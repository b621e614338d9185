import type { ModuleKey } from '../contract';

/**
 * Who is calling and from where, taken only from the Forge context that the platform builds
 * (never from the payload, which the page controls).
 */
export interface Caller {
  accountId: string | null;
  moduleKey: ModuleKey | null;
  /** The project of a project page, from context.extension.project.key: a claim, checked with Jira before use. */
  projectKey: string | null;
  /** The installation (set by the platform); keys the access cache so no decision crosses sites. */
  installContext: string | null;
  /** The site's base URL (https), for links in work items the app creates. */
  siteUrl: string | null;
}

const MODULE_KEYS: readonly ModuleKey[] = ['admin-page', 'project-page', 'my-integrations'];
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;

export function callerFromContext(context: unknown): Caller {
  const ctx = isRecord(context) ? context : {};
  const accountId = typeof ctx.accountId === 'string' && ctx.accountId.length > 0 ? ctx.accountId : null;
  const moduleKey = MODULE_KEYS.find((k) => k === ctx.moduleKey) ?? null;
  const extension = isRecord(ctx.extension) ? ctx.extension : {};
  const project = isRecord(extension.project) ? extension.project : {};
  const projectKey = moduleKey === 'project-page' && typeof project.key === 'string' && PROJECT_KEY.test(project.key) ? project.key : null;
  const installContext = typeof ctx.installContext === 'string' && ctx.installContext.length > 0 ? ctx.installContext : null;
  const siteUrl = typeof ctx.siteUrl === 'string' && /^https:\/\/[^/?#\s]+$/.test(ctx.siteUrl) ? ctx.siteUrl : null;
  return { accountId, moduleKey, projectKey, installContext, siteUrl };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
