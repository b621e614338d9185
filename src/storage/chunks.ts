/**
 * Forge KVS values are at most 240 KiB. Lists that can grow with the site (identities, projects of
 * one identity, history) are stored in chunks that stay well under that.
 */
export const CHUNK_MAX_BYTES = 200 * 1024;

export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Splits items into consecutive chunks whose JSON stays within maxBytes (one oversized item gets a chunk alone). */
export function chunkByBytes<T>(items: readonly T[], maxBytes = CHUNK_MAX_BYTES): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 2;
  for (const item of items) {
    const itemBytes = jsonBytes(item) + 1;
    if (current.length > 0 && size + itemBytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(item);
    size += itemBytes;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks;
}
