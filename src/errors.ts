import type { ErrorCode, FieldProblem } from './contract';

/**
 * The failure every layer throws when it can say what went wrong to a person: a contract error code
 * and a message for the page. Resolvers turn it into the `{ ok: false, error }` envelope.
 */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** INVALID_INPUT: the fields at fault, for forms. */
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
