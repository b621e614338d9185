/**
 * Errors of the local KVS.
 *
 * KvsError is an API error: it becomes a non-2xx answer with Forge's error body `{ code, message }`,
 * which the real @forge/kvs turns into a ForgeKvsAPIError. DataFileError is a host problem (the
 * data file is unusable) and is thrown to whoever opens the store.
 */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly context?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'KvsError';
  }
}

/** The KVS data file cannot be used; the message says which file, what is wrong and what to do. */
export class DataFileError extends Error {
  constructor(file: string, problem: string) {
    super(
      `The local KVS data file ${file} cannot be used: ${problem}. ` +
        'Move it somewhere else (to keep it) or delete it (its local data is lost); a new, empty store is created on the next start.',
    );
    this.name = 'DataFileError';
  }
}

/** 400 for a request the package should never send (wrong shape, unknown option). */
export function badRequest(message: string): KvsError {
  return new KvsError(400, 'BAD_REQUEST', message);
}

/** 400 with one of Forge's documented validation codes. */
export function invalid(code: string, message: string): KvsError {
  return new KvsError(400, code, message);
}

export function keyNotFound(key: string, entityName?: string): KvsError {
  const where = entityName ? ` in entity '${entityName}'` : '';
  return new KvsError(404, 'KEY_NOT_FOUND', `Key '${key}' does not exist${where}`);
}
