/** The errno-style code of a Node error, for diagnostics and decisions on failures. */

/** The errno-style code of a Node error (`ENOENT`, `EACCES`, …), or `unknown`. */
export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'unknown';
}
