/** The site's projects as one scan read them (its accounts are jira/users' Account). */
export interface ProjectEntry {
  id: number;
  key: string;
  name: string;
  /**
   * False when the app can list the project but not browse it: searches skip it and a JQL naming
   * it is refused, so activity is measured without it (absent in directories read before: true).
   */
  appCanBrowse?: boolean;
}

/** The projects the app can browse: every activity count runs over these. */
export function appBrowsable(projects: readonly ProjectEntry[]): ProjectEntry[] {
  return projects.filter((p) => p.appCanBrowse !== false);
}

/** Why a listed project is left out of every measurement (shown once on the admin page). */
export const NOT_VISIBLE = 'not visible to the app: it can list this project but not browse it, so its activity is not measured';

/** Where a run's directory lives: its own run, or for incremental scans the run it reuses. */
export interface DirectoryRef {
  runId: string;
  accountChunks: number;
  projectChunks: number;
  /** Where the projects live when read again after the accounts (an access refresh): that run's id; absent: `runId`. */
  projectsRunId?: string;
}

/** The run under whose working data a directory's projects live. */
export function projectsRunOf(dir: DirectoryRef): string {
  return dir.projectsRunId ?? dir.runId;
}

/** Every run whose working data a directory uses (cleanup keeps them). */
export function runsOf(dir: DirectoryRef): string[] {
  return [...new Set([dir.runId, projectsRunOf(dir)])];
}
