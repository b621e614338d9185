/** App paths of the admin page (AGREEMENTS.md, "Routing and URLs"), so that links are written one way. */
export type IdentityTab = 'projects' | 'access' | 'credentials' | 'ownership' | 'history';

export const adminPaths = {
  identity: (accountId: string, tab?: IdentityTab) => `/identities/${encodeURIComponent(accountId)}${tab ? `?tab=${tab}` : ''}`,
};
