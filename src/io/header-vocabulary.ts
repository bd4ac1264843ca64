/**
 * The one vocabulary of header names: for each concept a file's column can carry (a kommune
 * code, a month, an amount, a tranche, …), every name it goes by in English and Danish. Every
 * reader builds its column specs from these lists, so a name one reader accepts, every reader
 * with a column of that meaning accepts too (`test/io/header-vocabulary.test.ts` holds this,
 * reader by reader).
 *
 * Names are compared as `normalizeColumnName` leaves them (case, spaces, underscores, hyphens
 * and accents do not count), and each Danish letter also in its two-letter spelling
 * (`maaned` for `måned`, `loentimer` for `løntimer`), so the lists name each word once.
 *
 * A few words mean different things in different kinds of file, and are then listed under
 * different concepts: `id` and `name`/`navn` name a row's own subject (the kommune in a
 * kommune-level file, the person in a person file: there `navn` is the person's name and is
 * not read); `recipient`/`modtager` is who receives the money in an applicants, follow-up or
 * free-name file, but the benefit recipient in a progress or person file.
 *
 * flere's own output uses these names too, in English or Danish (`src/io/render/words.ts`,
 * `--lang da`), so every file it writes reads back. Its Danish files name the code
 * `kommunekode` and the name `kommune`: a reader that finds a code column beside a `kommune`
 * column (allocations, ledgers) reads the code and takes `kommune` for the name.
 */
import { type ColumnSpec, headerKey, normalizeColumnName } from './columns.js';

/** Header names by concept. No name contains a digit (so that none can be a CPR number). */
export const HEADER_WORDS = {
  /** A kommune, by code or by name. */
  kommune: ['kommune'],
  /** A kommune's official code. */
  kommuneCode: ['code', 'kode', 'kommunekode', 'kommunenr', 'kommunenummer', 'komkode', 'komnr', 'municipality code'],
  /** A kommune's name. */
  kommuneName: ['kommunenavn', 'municipality'],
  /** The identifier of the row's own subject: a kommune's code in kommune-level files, the person in person files. */
  id: ['id'],
  /** The name of the row's own subject (a kommune, or a free recipient with `--no-registry`). */
  name: ['name', 'navn'],
  /** Who receives money: the kommune or free recipient of an applicants, follow-up or counts file. */
  payee: ['recipient', 'modtager', 'applicant', 'ansøger'],
  /** A person (CPR number, case number). */
  person: ['person', 'person id', 'cpr', 'cpr nr', 'cpr nummer', 'personnummer', 'borger', 'borger id'],
  /** A calendar month. */
  month: ['month', 'måned', 'md', 'mdr', 'periode', 'period'],
  /** The month a tranche fell due (the ledger). */
  monthDue: ['month_due', 'forfalden', 'forfaldsmåned'],
  /** A number of persons, the allocation key. */
  count: ['antal', 'antal personer', 'personer', 'count', 'persons', 'recipients', 'modtagere', 'n'],
  /** A free recipient's weight (`--no-registry`). */
  weight: ['weight', 'vægt'],
  /** The target group (bruttomålgruppe), or its size. */
  targetGroup: ['target_group', 'target', 'målgruppe', 'målgruppen', 'bruttomålgruppe', 'bruttomålgruppen'],
  /** Benefit recipients: a person's flag, or a kommune-month's count. */
  recipients: [
    'recipients',
    'recipient',
    'modtagere',
    'modtager',
    'antal modtagere',
    'ydelsesmodtagere',
    'ydelsesmodtager',
    'kontanthjælpsmodtagere',
    'kontanthjælpsmodtager',
  ],
  /** Afklaret og visiteret: a person's flag, or a kommune-month's count. */
  cleared: ['cleared', 'afklaret', 'afklarede', 'visiteret', 'afklaret og visiteret', 'afklaret visiteret'],
  /** In a virksomhedsrettet indsats: a person's flag, or a kommune-month's count. */
  companyActivity: ['company_activity', 'company', 'virksomhed', 'virksomhedsrettet', 'virksomhedsrettet indsats', 'i virksomhedsrettet indsats'],
  /** With paid (unsubsidised) hours: a person's flag, or a kommune-month's count. */
  paidHours: ['paid_hours', 'løntimer', 'med løntimer', 'betalte timer', 'ordinære timer', 'ustøttede timer', 'timer'],
  /** An amount in kroner. */
  amount: ['amount', 'beløb', 'kroner', 'kr', 'tilskud', 'bevilling', 'bevilget', 'grant', 'udbetalt'],
  /** A tranche (rate); followed by its number in an allocation's tranche columns (`tranche_1`, `Rate 2`). */
  tranche: ['tranche', 'rate', 'trance'],
  /** Whether a kommune applied. */
  applied: ['applied', 'ansøgt', 'søgt'],
  /** A pool's identifier. */
  pool: ['pool', 'pulje'],
  /** When a payout was recorded. */
  recordedAt: ['recorded_at', 'recorded', 'registreret', 'bogført'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** A concept of {@link HEADER_WORDS}. */
export type HeaderConcept = keyof typeof HEADER_WORDS;

/**
 * A column spec whose accepted names are the words of `concepts` (the key is accepted too):
 * `column('month_due', ['monthDue', 'month'], true)`.
 */
export function column<const K extends string, const R extends boolean>(
  key: K,
  concepts: readonly HeaderConcept[],
  required: R,
): ColumnSpec & { readonly key: K; readonly required: R } {
  return { key, aliases: concepts.flatMap((c) => HEADER_WORDS[c]), required };
}

/**
 * The concepts that name a kommune in a file with ONE kommune column (code or name): the
 * kommune words, codes, names and the row's subject (`id`, `name`).
 */
export const KOMMUNE_COLUMN: readonly HeaderConcept[] = ['kommune', 'kommuneCode', 'kommuneName', 'id', 'name'];

/** The concepts of a counts file's count column (also read from an allocation's `count`). */
export const COUNT_CONCEPTS: readonly HeaderConcept[] = ['count', 'targetGroup'];

const TRANCHE_WORDS = HEADER_WORDS.tranche.map((w) => normalizeColumnName(w));

/**
 * The 1-based tranche number of an allocation's tranche column header, a tranche word and a
 * number (`tranche_1`, `Tranche 2`, `rate 3`, `Rate 1 (kr.)`: a parenthesised note at the end
 * is ignored), or undefined. Linear in the header's length, however hostile.
 */
export function trancheColumnNumber(header: string): number | undefined {
  let key = headerKey(header);
  if (key.endsWith(')')) {
    const open = key.indexOf('(');
    if (open >= 0) key = key.slice(0, open);
  }
  const word = TRANCHE_WORDS.find((w) => key.startsWith(w));
  if (word === undefined) return undefined;
  const digits = key.slice(word.length);
  // At most 3 digits: no pool has a thousand tranches, and a longer number is no tranche.
  if (digits.length < 1 || digits.length > 3) return undefined;
  for (let i = 0; i < digits.length; i += 1) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(digits);
}
