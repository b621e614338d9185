// How much of everything each site size gets.

export interface SizeSpec {
  people: number;
  automationPeople: number;
  inactivePeople: number;
  serviceAccounts: number;
  agents: number;
  /** Forge/Connect/OAuth app accounts, including the app's own bot and Automation for Jira. */
  appAccounts: number;
  projects: number;
  /** Issues per project on average; the real count varies by project. */
  issuesPerProject: number;
  auditRecords: number;
}

export const SIZES: Record<'demo' | 'large', SizeSpec> = {
  demo: {
    people: 40,
    automationPeople: 4,
    inactivePeople: 3,
    serviceAccounts: 5,
    agents: 2,
    appAccounts: 8,
    projects: 25,
    issuesPerProject: 140,
    auditRecords: 300,
  },
  large: {
    people: 3000,
    automationPeople: 40,
    inactivePeople: 120,
    serviceAccounts: 110,
    agents: 20,
    appAccounts: 130,
    projects: 2000,
    issuesPerProject: 256,
    auditRecords: 20000,
  },
};
