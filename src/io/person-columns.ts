/**
 * The columns of a person file: their roles, the header names (English and Danish) that
 * name them, and the delimiter as the header line shows it.
 */

/** The roles a column can have; the header maps each column to one. */
export const Role = { ignore: 0, person: 1, kommune: 2, month: 3, recipient: 4, cleared: 5, company: 6, paidHours: 7 } as const;
export type Role = (typeof Role)[keyof typeof Role];

/** The canonical column names, in the file's documented order. */
export const PERSON_COLUMNS = ['person', 'kommune', 'month', 'recipient', 'cleared', 'company', 'paid_hours'] as const;
type PersonColumn = (typeof PERSON_COLUMNS)[number];

export const ROLE_OF: Readonly<Record<PersonColumn, Role>> = {
  person: Role.person,
  kommune: Role.kommune,
  month: Role.month,
  recipient: Role.recipient,
  cleared: Role.cleared,
  company: Role.company,
  paid_hours: Role.paidHours,
};

/** Header names accepted for each column, as `headerKey` leaves them (English and Danish). */
const ALIASES: Readonly<Record<PersonColumn, readonly string[]>> = {
  person: ['person', 'personid', 'person_id', 'id', 'cpr', 'cprnr', 'cpr_nr', 'cpr_nummer', 'personnummer', 'borger', 'borger_id', 'borgerid'],
  kommune: ['kommune', 'kommunekode', 'kommune_kode', 'kommunenr', 'kommune_nr', 'kode', 'code', 'municipality'],
  month: ['month', 'maaned', 'mdr', 'md', 'periode', 'period'],
  recipient: ['recipient', 'modtager', 'ydelsesmodtager', 'kontanthjaelpsmodtager'],
  cleared: ['cleared', 'afklaret', 'visiteret', 'afklaret_og_visiteret', 'afklaret_visiteret'],
  company: ['company', 'virksomhed', 'virksomhedsrettet', 'virksomhedsrettet_indsats'],
  paid_hours: ['paid_hours', 'paidhours', 'loentimer', 'betalte_timer', 'ordinaere_timer', 'ustoettede_timer', 'timer'],
};

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

/** A header name as a lookup key: lower case, æ/ø/å spelled out, spaces and dashes as `_`. */
function headerKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/å/g, 'aa')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/[\s\-.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const ROLE_BY_KEY: ReadonlyMap<string, Role> = new Map(
  PERSON_COLUMNS.flatMap((column) => ALIASES[column].map((alias) => [alias, ROLE_OF[column]] as const)),
);

/** The role of a header cell; `ignore` for columns the reader does not use. */
export function roleOf(name: string): Role {
  return ROLE_BY_KEY.get(headerKey(name)) ?? Role.ignore;
}

