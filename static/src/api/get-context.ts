import { view } from '@forge/bridge';
import type { ModuleKey } from '../../../src/contract';

export interface PageContext {
  moduleKey: ModuleKey;
  projectKey: string | null;
  siteUrl: string;
  /** The user's language and time zone in Jira, for dates. */
  locale: string | undefined;
  timeZone: string | undefined;
  /** Where the app lives in Jira, for links to its other pages. */
  app: { localId: string; environmentId: string };
}

/** Which module this page is, from the Forge context (for routing only; the back end decides access). */
export async function getPageContext(): Promise<PageContext> {
  const context = await view.getContext();
  const extension = context.extension as { project?: { key?: string } } | undefined;
  return {
    moduleKey: context.moduleKey === 'project-page' ? 'project-page' : context.moduleKey === 'my-integrations' ? 'my-integrations' : 'admin-page',
    projectKey: extension?.project?.key ?? null,
    siteUrl: context.siteUrl,
    locale: context.locale,
    timeZone: context.timezone,
    app: { localId: context.localId, environmentId: context.environmentId },
  };
}
