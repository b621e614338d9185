import { useEffect, useRef, useState } from 'react';
import type { IdentityList, IdentityListQuery, ResolverError } from '../../../../src/contract';
import { listIdentities } from '../../api/identities';
import { toError } from '../../hooks/use-scan-status';

export interface ListState {
  data: IdentityList | null;
  /** The query `data` answers (for tests and the bench: the table says which search it shows). */
  shown: IdentityListQuery | null;
  loading: boolean;
  error: ResolverError | null;
}

/** Loads a page of identities for the query; a newer query's answer always wins over an older one's. */
export function useIdentityList(query: IdentityListQuery, reloadKey: number): ListState {
  const [state, setState] = useState<ListState>({ data: null, shown: null, loading: true, error: null });
  const seq = useRef(0);
  const key = JSON.stringify(query);
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    listIdentities(query).then(
      (data) => mine === seq.current && setState({ data, shown: query, loading: false, error: null }),
      (e: unknown) => mine === seq.current && setState((s) => ({ ...s, loading: false, error: toError(e) })),
    );
    // `key` stands for the query.
  }, [key, reloadKey]);
  return state;
}
