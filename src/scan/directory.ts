/** The site's accounts and projects as one scan read them (compact: only what later phases use). */
export interface Account {
  accountId: string;
  displayName: string;
  accountType: string | undefined;
  appType: string | undefined;
  email: string | null;
  active: boolean;
  timeZone: string | undefined;
}

export interface ProjectEntry {
  id: number;
  key: string;
  name: string;
}

/** Where a run's directory lives: its own run, or for incremental scans the run it reuses. */
export interface DirectoryRef {
  runId: string;
  accountChunks: number;
  projectChunks: number;
}
