// Word lists for believable names. Order matters: it is part of what the seed reproduces.

export const FIRST_NAMES = [
  'Mia', 'Noah', 'Aisha', 'Lukas', 'Priya', 'Mateo', 'Yuki', 'Olivia', 'Kwame', 'Sofia', 'Liam', 'Fatima', 'Chen',
  'Elena', 'Omar', 'Hannah', 'Ravi', 'Zoe', 'Diego', 'Ingrid', 'Tomas', 'Amara', 'Jonas', 'Leila', 'Sven', 'Nadia',
  'Kenji', 'Grace', 'Pedro', 'Anya', 'Felix', 'Maya', 'Arjun', 'Clara', 'Emeka', 'Lena', 'Marco', 'Sara', 'Viktor', 'Ines',
] as const;

export const LAST_NAMES = [
  'Krystof', 'Okafor', 'Lindqvist', 'Tanaka', 'Moreau', 'Sharma', 'Novak', 'Silva', 'Kowalski', 'Haddad', 'Schmidt',
  'Nguyen', 'Rossi', 'Mensah', 'Petrov', 'Garcia', 'Ali', 'Jensen', 'Costa', 'Yamamoto', 'Dubois', 'Fischer', 'Kim',
  'Andersen', 'Murphy', 'Ivanova', 'Santos', 'Weber', 'Osei', 'Larsen',
] as const;

export const SERVICE_ACCOUNT_NAMES = [
  'svc-ci-pipeline', 'svc-hr-sync', 'svc-reporting', 'svc-partner-portal', 'svc-backup-export', 'svc-github-sync',
  'svc-salesforce-bridge', 'svc-release-bot', 'svc-incident-router', 'svc-data-warehouse',
] as const;

export const AGENT_NAMES = ['Rovo Triage Agent', 'Rovo Release Notes Agent', 'Rovo Service Desk Agent'] as const;

/** The first two are fixed: the app's own bot, then Jira's automation actor. */
export const APP_NAMES = [
  'Integration Registry',
  'Automation for Jira',
  'Slack',
  'GitHub for Jira',
  'Tempo Timesheets',
  'Zephyr Scale',
  'Microsoft Teams',
  'Jira Service Management Widget',
  'Statuspage',
  'Opsgenie',
  'Confluence Cloud',
  'Xray Test Management',
] as const;

export const AUTOMATION_PERSON_SUFFIXES = ['(scripts)', '(reporting)', '(sync)', '(ops)'] as const;

export const PROJECTS = [
  ['AND', 'Android App'], ['API', 'Public API'], ['BILL', 'Billing'], ['CRM', 'CRM Sync'], ['DATA', 'Data Platform'],
  ['DES', 'Design System'], ['DOCS', 'Documentation'], ['FIN', 'Finance Ops'], ['HR', 'People Ops'],
  ['INFRA', 'Infrastructure'], ['IOS', 'iOS App'], ['IT', 'IT Service Desk'], ['LEGAL', 'Legal Requests'],
  ['MKT', 'Marketing'], ['MOB', 'Mobile Platform'], ['OPS', 'Operations'], ['PART', 'Partner Portal'],
  ['PAY', 'Payments'], ['QA', 'Quality'], ['REL', 'Release Train'], ['SEC', 'Security'], ['SRE', 'Site Reliability'],
  ['SUP', 'Customer Support'], ['WEB', 'Website'], ['WH', 'Warehouse'],
] as const;

export const TIME_ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'Europe/London', 'America/Los_Angeles'] as const;

/** Hours to add to UTC for each zone above (ignoring summer time: good enough for working-hour shapes). */
export const TIME_ZONE_OFFSETS: Record<string, number> = {
  'Europe/Berlin': 1,
  'America/New_York': -5,
  'Asia/Kolkata': 5.5,
  'Australia/Sydney': 10,
  'Europe/London': 0,
  'America/Los_Angeles': -8,
  UTC: 0,
};
