// The CausetteError an action throws at once, for tests of refusals; any other outcome fails the test.
import { CausetteError } from '../../shared/ipc/errors.ts';

export function thrownCausetteError(action: () => unknown): CausetteError {
  try {
    action();
  } catch (error) {
    if (error instanceof CausetteError) return error;
    throw error;
  }
  throw new Error('expected a CausetteError, and nothing was thrown');
}
