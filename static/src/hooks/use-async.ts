import { useEffect, useState } from 'react';
import { ResolverCallError } from '../api/invoke';
import type { ResolverError } from '../../../src/contract';

export type AsyncState<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: ResolverError };

/** Runs an async load once per key and tracks its state; errors become envelope-style errors. */
export function useAsync<T>(load: () => Promise<T>, key: string): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (data) => live && setState({ status: 'ready', data }),
      (e: unknown) => live && setState({ status: 'failed', error: toError(e) }),
    );
    return () => {
      live = false;
    };
    // The key stands for the load's inputs.
  }, [key]);
  return state;
}

function toError(e: unknown): ResolverError {
  if (e instanceof ResolverCallError) return e.error;
  return { code: 'UNAVAILABLE', message: 'The app could not reach its back end. Reload the page to try again.' };
}
