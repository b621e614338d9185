import type { Handlers } from '@forge/resolver';
import type { RegistryDefs } from '../contract';
import { getAdminSync, runAdminSyncResolver, saveAdminSync } from './admin-sync/settings';
import { deleteCredentialResolver } from './credentials/delete';
import { expiringCredentials } from './credentials/expiring';
import { projectIssueTypes } from './projects/issue-types';
import { exportCredentials } from './credentials/export';
import { importCredentials } from './credentials/import';
import { listCredentials } from './credentials/list';
import { getReminders, listReminderSends, saveReminders } from './credentials/reminders';
import { saveCredentialResolver } from './credentials/save';
import { listHistory } from './history/list';
import { bulkSaveOwnership } from './ownership/bulk-save';
import { saveOwnershipResolver } from './ownership/save';
import { searchUsers } from './users/search';

/** The registry's resolvers (issue 4): ownership, credentials, history, reminders, admin sync. All jira-admin. */
export const registryHandlers: Handlers<RegistryDefs> = {
  'ownership/save': saveOwnershipResolver,
  'ownership/bulk-save': bulkSaveOwnership,
  'credentials/expiring': expiringCredentials,
  'projects/issue-types': projectIssueTypes,
  'credentials/list': listCredentials,
  'credentials/save': saveCredentialResolver,
  'credentials/delete': deleteCredentialResolver,
  'credentials/import': importCredentials,
  'credentials/export': exportCredentials,
  'history/list': listHistory,
  'users/search': searchUsers,
  'reminders/get': getReminders,
  'reminders/save': saveReminders,
  'reminders/sends': listReminderSends,
  'admin-sync/get': getAdminSync,
  'admin-sync/save': saveAdminSync,
  'admin-sync/run': runAdminSyncResolver,
};
