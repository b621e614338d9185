/** The local KVS: the storage service the real, unmodified @forge/kvs talks to during `npm start`. */
export { KvsStore, type KvsResponse, type KvsStoreOptions } from './store';
export { DataFileError } from './errors';
export type { EntityDefinition } from './entities';
export { toFetchResponse } from './fetch';
export { largestValueAccepted } from './limits';
export { StorageRateLimiter, PUBLISHED_STORAGE_LIMITS, type StorageRateLimits } from './rate-limit';
