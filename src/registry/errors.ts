import { fieldLabel } from '../contract';
import { AppFailure } from '../errors';

/** A stale baseVersion: someone saved in between. Nothing was written. */
export class VersionConflict extends AppFailure {
  constructor(
    readonly currentVersion: number,
    what: string,
  ) {
    super('CONFLICT', `Someone else changed ${what} since you opened it (now version ${currentVersion}). Reload, check their change, and save again.`);
    this.name = 'VersionConflict';
  }
}

/** Input that passed the schema but not the registry's checks (a user who does not exist, …). */
export function invalidInput(field: string, message: string): AppFailure {
  const label = fieldLabel(field.split('.'));
  // The message keeps the payload path (logs, API callers); pages show `fields` (names for people).
  return new AppFailure('INVALID_INPUT', `${field}: ${message}`, [{ field, label, message }]);
}
