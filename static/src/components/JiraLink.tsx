import { router } from '@forge/bridge';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { siteHref } from '../jira/site';

/**
 * A link to a page of the Jira site (a profile, an issue search, another page of this app) or to an
 * address outside it (a runbook). A Custom UI frame cannot follow such links itself: the bridge's
 * router opens them (`open`: a new tab; `navigate`: this tab). The href is the full address, so
 * hovering and copying show where it goes.
 */
export function JiraLink({ path, children, newTab = true, label, testId }: { path: string; children: ReactNode; newTab?: boolean; label?: string; testId?: string }) {
  return (
    <a
      href={siteHref(path)}
      aria-label={label}
      data-testid={testId}
      style={{ color: token('color.link'), textDecoration: 'underline' }}
      onClick={(e) => {
        e.preventDefault();
        void (newTab ? router.open(path) : router.navigate(path));
      }}
    >
      {children}
    </a>
  );
}
