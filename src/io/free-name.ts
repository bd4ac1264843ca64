/**
 * A freely named recipient (`--no-registry`: a project, an organisation) as a cell gives it.
 * One rule for every reader of free names, so that counts and applicants agree on what a
 * name is.
 */

/** The longest free name, in UTF-16 code units: far above any real name, far below a hostile cell. */
export const MAX_NAME_LENGTH = 1000;

/** Why a cell is no free name. */
export type FreeNameProblem = 'recipient.empty-name' | 'recipient.name-too-long';

/**
 * The name in `cell` (trimmed, in Unicode NFC, so that a decomposed `æ` is the same name), or
 * the problem: empty, or longer than {@link MAX_NAME_LENGTH} (refused before it is
 * normalised, so a megabyte cell costs one length check).
 */
export function readFreeName(cell: string): { readonly name: string } | { readonly problem: FreeNameProblem } {
  if (cell.length > MAX_NAME_LENGTH) return { problem: 'recipient.name-too-long' };
  const name = cell.trim().normalize('NFC');
  return name === '' ? { problem: 'recipient.empty-name' } : { name };
}
