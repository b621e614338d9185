/**
 * THE policy table of the access tests (issue 6): who may call each resolver. The matrix test
 * checks every key of the contract against it, so a new resolver without a row fails.
 */
export type PolicyName = 'signed-in' | 'jira-admin' | 'project-reader' | 'owner-or-backup';

export const POLICY: Record<string, PolicyName> = {
  'me/get': 'signed-in',
  'scan/start': 'jira-admin',
  'scan/status': 'jira-admin',
  'scan/cancel': 'jira-admin',
  'identities/list': 'jira-admin',
  'identity/get': 'jira-admin',
  'identity/mark': 'jira-admin',
  'settings/get': 'jira-admin',
  'settings/save': 'jira-admin',
  'heatmap/get': 'jira-admin',
  'ownership/save': 'jira-admin',
  'credentials/list': 'jira-admin',
  'credentials/save': 'jira-admin',
  'credentials/delete': 'jira-admin',
  'credentials/import': 'jira-admin',
  'credentials/export': 'jira-admin',
  'history/list': 'jira-admin',
  'users/search': 'jira-admin',
  'reminders/get': 'jira-admin',
  'reminders/save': 'jira-admin',
  'reminders/sends': 'jira-admin',
  'admin-sync/get': 'jira-admin',
  'admin-sync/save': 'jira-admin',
  'admin-sync/run': 'jira-admin',
  'project/integrations': 'project-reader',
  'project/note-save': 'project-reader',
  'campaigns/start': 'jira-admin',
  'campaigns/list': 'jira-admin',
  'campaigns/get': 'jira-admin',
  'campaigns/export': 'jira-admin',
  'attestation/mine': 'signed-in',
  'attestation/answer': 'owner-or-backup',
  'my/integrations': 'signed-in',
  'my/save': 'owner-or-backup',
};
