import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResolverError, ScanStatus } from '../../../src/contract';
import { ResolverCallError } from '../api/invoke';
import { getScanStatus, startScan } from '../api/scan';

const POLL_MS = 1000;

export interface ScanState {
  status: ScanStatus | null;
  error: ResolverError | null;
  starting: boolean;
  start(): Promise<void>;
}

/**
 * The scan's status, polled with scan/status every second while a scan runs (or waits for its
 * budget), and once on mount. `onCompleted` runs when a newer snapshot than the one first seen
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

  const running = status !== null && (status.state === 'running' || status.state === 'paused');
  useEffect(() => {
    if (!running) return;
    let live = true;
    const timer = setInterval(() => {
      getScanStatus().then(
        (s) => live && take(s),
        (e: unknown) => live && setError(toError(e)),
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [running, take]);

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

  return { status, error, starting, start };
}

export function toError(e: unknown): ResolverError {
  if (e instanceof ResolverCallError) return e.error;
  return { code: 'UNAVAILABLE', message: 'The app could not reach its back end. Try again in a moment.' };
}
