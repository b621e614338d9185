import { createContext, useContext } from 'react';
import type { Me } from '../../../../src/contract';
import type { ScanState } from '../../hooks/use-scan-status';

/** What every admin view shares: the caller, the scan, and a counter that changes when the data did. */
export interface AdminShared {
  me: Me;
  scan: ScanState;
  /** Changes after a scan completes or a registry write, so that views load again. */
  reloadKey: number;
  reload(): void;
}

export const AdminContext = createContext<AdminShared | null>(null);

export function useAdmin(): AdminShared {
  const shared = useContext(AdminContext);
  if (!shared) throw new Error('useAdmin needs the admin page around it');
  return shared;
}
