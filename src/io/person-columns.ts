/**
 * The columns of a person file: their roles, the header names (English and Danish) that
 * name them, and the delimiter as the header line shows it.
 */
import { type ColumnSpec, matchColumns } from './columns.js';
import { column } from './header-vocabulary.js';

/** The roles a column can have; the header maps each column to one. */
export const Role = { ignore: 0, person: 1, kommune: 2, month: 3, recipient: 4, cleared: 5, company: 6, paidHours: 7 } as const;
export type Role = (typeof Role)[keyof typeof Role];

/** The canonical column names, in the file's documented order. */
export const PERSON_COLUMNS = ['person', 'kommune', 'month', 'recipient', 'cleared', 'company', 'paid_hours'] as const;

/**
 * The columns' specs, from the one header vocabulary (`./header-vocabulary.ts`). In a person
 * file `id` names the person, and `navn`/`name` the person's name, which is not read: the
 * kommune column is named as a kommune (`kommune`, `kommunekode`, `kommunenavn`, `kode`, …).
 */
const PERSON_SPECS = [
  column('person', ['person', 'id'], true),
  column('kommune', ['kommune', 'kommuneCode', 'kommuneName'], true),
  column('month', ['month'], true),
  column('recipient', ['recipients'], true),
  column('cleared', ['cleared'], true),
  column('company', ['companyActivity'], true),
  column('paid_hours', ['paidHours'], true),
] as const satisfies readonly ColumnSpec[];

/**
 * The flag bit of a flag column's role: roles 4–7 are PersonFlag's bits 1, 2, 4, 8, in the
 * documented column order (a test holds this).
 */
export function flagBit(role: number): number {
  return 1 << (role - Role.recipient);
}

/** The header's delimiter: the most frequent of `,`, `;` and tab outside quotes (`,` if none). */
export function sniffDelimiter(header: string): number {
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === ',') comma += 1;
    else if (ch === ';') semicolon += 1;
    else if (ch === '\t') tab += 1;
  }
  if (semicolon > comma && semicolon >= tab) return 59;
  if (tab > comma && tab > semicolon) return 9;
  return 44;
}

/**
 * The role of each header cell (`ignore` for columns the reader does not use). Throws a data
 * FlereError for a missing or doubled column (`csv.missing-column`, `csv.duplicate-column`),
 * which names only columns of the vocabulary, never another cell: without a header, the
 * first line is a person's row.
 */
export function columnRoles(names: readonly string[], where: { readonly file: string; readonly line: number }): Uint8Array {
  const columns = matchColumns(names, PERSON_SPECS, where);
  const roles = new Uint8Array(names.length);
  PERSON_COLUMNS.forEach((name, i) => {
    roles[columns[name].index] = i + 1;
  });
  return roles;
}
