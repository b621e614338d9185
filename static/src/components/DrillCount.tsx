import type { ReactNode } from 'react';
import { drillJql, issueSearchPath, type DrillTarget } from '../jira/drilldown';
import { JiraLink } from './JiraLink';

/**
 * A count that opens Jira's issue search for the issues it counts (identity × project × action ×
 * window). Zero stays plain text: there is nothing to open.
 */
export function DrillCount({ n, target, children, who }: { n: number; target: DrillTarget; children?: ReactNode; who: string }) {
  const text = children ?? n.toLocaleString();
  if (n === 0) return <span>{text}</span>;
  const where = target.projectKey ? ` in ${target.projectKey}` : '';
  return (
    <JiraLink path={issueSearchPath(drillJql(target))} label={`${n.toLocaleString()} ${target.action} by ${who}${where}: open in Jira's issue search`} testId={`drill-${target.action}`}>
      {text}
    </JiraLink>
  );
}
