import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverError, ScanStatus } from '../../../src/contract';
import { ResolverCallError } from '../api/invoke';
import { cancelScan, getScanStatus, startScan } from '../api/scan';
import { describeScan, nextPollMs } from './scan-view';

export interface ScanState {
  status: ScanStatus | null;
  error: ResolverError | null;
  starting: boolean;
  start(): Promise<void>;
  cancelling: boolean;
  cancel(): Promise<void>;
}

/**
 * The scan's status, read once on mount and then polled no faster than it can change (every 2 s
 * while it runs; while paused, when it is due to resume: see nextPollMs). `onCompleted` runs when a newer snapshot than the one first seen
 * is complete, so the page can reload its lists.
 */
export function useScanStatus(onCompleted: (completedAt: string) => void): ScanState {
  const [status, setStatus] = useState<ScanStatus | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const [starting, setStarting] = useState(false);
  const lastCompleted = useRef<string | null | undefined>(undefined);
  const completed = useRef(onCompleted);
  completed.current = onCompleted;

  const take = useCallback((s: ScanStatus) => {
    setStatus(s);
    setError(null);
    if (lastCompleted.current !== undefined && s.lastCompletedAt && s.lastCompletedAt !== lastCompleted.current) completed.current(s.lastCompletedAt);
    lastCompleted.current = s.lastCompletedAt;
  }, []);

  useEffect(() => {
    let live = true;
    getScanStatus().then(
      (s) => live && take(s),
      (e: unknown) => live && setError(toError(e)),
    );
    return () => {
      live = false;
    };
  }, [take]);

  // Each answer decides when to ask again.
  useEffect(() => {
    if (!status) return;
    const wait = nextPollMs(describeScan(status));
    if (wait === null) return;
    let live = true;
    const timer = setTimeout(() => {
      getScanStatus().then(
        (s) => live && take(s),
        (e: unknown) => live && setError(toError(e)),
      );
    }, wait);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [status, take]);

  const start = useCallback(async () => {
    setStarting(true);
    try {
      take(await startScan());
    } catch (e) {
      setError(toError(e));
    } finally {
      setStarting(false);
    }
  }, [take]);

  const [cancelling, setCancelling] = useState(false);
  const cancel = useCallback(async () => {
    setCancelling(true);
    try {
      take(await cancelScan());
    } catch (e) {
      setError(toError(e));
    } finally {
      setCancelling(false);
    }
  }, [take]);

  return { status, error, starting, start, cancelling, cancel };
}

export function toError(e: unknown): ResolverError {
  if (e instanceof ResolverCallError) return e.error;
  return { code: 'UNAVAILABLE', message: 'The app could not reach its back end. Try again in a moment.' };
}
