import { ForgeKvsAPIError } from '../../storage/kvs';
import { z } from 'zod';
import { AppFailure } from '../../errors';

/** A page cursor the store handed out earlier; opaque, bounded, never stored. */
export const pageCursor = z.string().min(1).max(1000).regex(/^[A-Za-z0-9+/=_.:-]+$/, 'is not a page cursor');

/** Runs a paged read; a cursor the store does not accept (tampered or expired) is the caller's input error. */
export async function readWithCursor<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof ForgeKvsAPIError && e.responseDetails.status === 400) throw new AppFailure('INVALID_INPUT', 'cursor: this page link is no longer valid; reload the list.');
    throw e;
  }
}
