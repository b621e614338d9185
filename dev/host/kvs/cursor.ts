/**
 * Opaque page cursors. A cursor records where the last page ended (its sort value and key) and
 * which query it belongs to, so the next page starts right after it even if rows were added.
 */
import { Buffer } from 'node:buffer';
import { badRequest } from './errors';

export interface CursorState {
  scope: string; // which query: 'kvs' or 'entity/<name>/<index>/<ASC|DESC>'
  key: string;
  sortValue?: string | number; // the range attribute's value at `key` (entity queries)
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: unknown, scope: string): CursorState | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  let state: unknown;
  try {
    state = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
  } catch {
    state = undefined;
  }
  const s = state as Partial<CursorState> | undefined;
  if (typeof s !== 'object' || s === null || typeof s.key !== 'string' || typeof s.scope !== 'string') {
    throw badRequest('cursor is not a cursor this store returned');
  }
  if (s.scope !== scope) throw badRequest(`cursor belongs to another query (${s.scope}), not ${scope}`);
  return { scope: s.scope, key: s.key, sortValue: s.sortValue };
}
