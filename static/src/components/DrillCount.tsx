import { drillJql, issueSearchPath, type DrillAction, type DrillTarget } from '../jira/drilldown';
import { JiraLink } from './JiraLink';

const ACTION_WORDS: Record<DrillAction, string> = { touched: 'issues touched', created: 'issues created', transitioned: 'issues transitioned', worklogs: 'issues with work logged' };

/**
 * A count that opens Jira's issue search for the issues it counts (identity × project × action ×
 * window). Zero stays plain text: there is nothing to open.
 */
export function DrillCount({ n, target, text, who }: { n: number; target: DrillTarget; text?: string; who: string }) {
  const shown = text ?? n.toLocaleString();
  if (n === 0) return <span>{shown}</span>;
  const where = target.projectKey ? ` in ${target.projectKey}` : '';
  // The accessible name starts with the visible text, so speech input finds the link by what it shows.
  return (
    <JiraLink path={issueSearchPath(drillJql(target))} label={`${shown}, ${ACTION_WORDS[target.action]} by ${who}${where}: open in Jira's issue search`} testId={`drill-${target.action}`}>
      {shown}
    </JiraLink>
  );
}
