/**
 * The FlereError a call throws, for tests that assert on diagnostic codes and places rather
 * than on wording.
 */
import { FlereError } from '../../src/core/diagnostics.js';

/** The FlereError `f` throws; rethrows anything else, and fails when `f` throws nothing. */
export function thrownFlereError(f: () => unknown): FlereError {
  try {
    f();
  } catch (error) {
    if (error instanceof FlereError) return error;
    throw error;
  }
  throw new Error('expected a FlereError');
}
