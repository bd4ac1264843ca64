/**
 * Header matching: which column of a file holds which field. People write `Antal personer`,
 * `antal_personer`, `ANTAL PERSONER` or a decomposed `Beløb`; all of these name the same
 * column. Columns the command does not know are ignored.
 */
import { DiagnosticBag, type Diagnostic } from '../core/diagnostics.js';

/** Diagnostic codes raised while matching a header. */
export type ColumnCode = 'csv.duplicate-column' | 'csv.missing-column';

/**
 * A field a command reads. `key` is the program's name for it and is accepted as a header
 * name too; `aliases` are further accepted names (English and Danish).
 */
export interface ColumnSpec {
  readonly key: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

/** Where a field was found: its 0-based cell index and its header name as written. */
export interface MatchedColumn {
  readonly index: number;
  readonly name: string;
}

type RequiredKey<S extends readonly ColumnSpec[]> = Extract<S[number], { readonly required: true }>['key'];

/**
 * The result of {@link matchColumns}: required keys are always present, optional keys when
 * the file has them. Declare specs `as const` to get literal keys.
 */
export type ColumnMatch<S extends readonly ColumnSpec[]> = {
  readonly [K in RequiredKey<S>]: MatchedColumn;
} & {
  readonly [K in Exclude<S[number]['key'], RequiredKey<S>>]?: MatchedColumn;
};

/**
 * The form in which header names are compared: compatibility-decomposed, accents dropped
 * (`å` → `a`, `é` → `e`), `æ` → `ae`, `ø` → `o`, lower case, and without spaces (also NBSP),
 * underscores, hyphens, dots and zero-width characters. `Antal personer` ≡ `antal_personer`.
 */
export function normalizeColumnName(name: string): string {
  if (isPlainKey(name)) return name;
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/[\s_.\-\u200b-\u200d\u2060\ufeff]/gu, '');
}

/** Header cells longer than this are no column name of any vocabulary (those are short). */
const MAX_HEADER_NAME = 200;

/**
 * A header cell as a lookup key: its normalised form, or '' (which names nothing) for a cell
 * too long to be a column name, so that a hostile header costs no Unicode work per byte.
 */
export function headerKey(cell: string): string {
  return cell.length > MAX_HEADER_NAME ? '' : normalizeColumnName(cell);
}

/** The names a field is accepted under, as written in its spec (each spelling once), key last. */
export function acceptedNames(spec: ColumnSpec): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const name of [...spec.aliases, spec.key]) {
    const n = normalizeColumnName(name);
    if (!seen.has(n)) {
      seen.add(n);
      names.push(name);
    }
  }
  return names;
}

/** Only `a`–`z` and `0`–`9`: already its own normalised form (most header cells are). */
function isPlainKey(name: string): boolean {
  for (let i = 0; i < name.length; i += 1) {
    const c = name.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/**
 * The forms under which an accepted name is looked up: normalised as written, and with å and
 * ø in their two-letter spellings (`måned` is also `maaned`, `løntimer` also `loentimer`;
 * `normalizeColumnName` already spells æ as `ae`).
 */
function lookupForms(name: string): string[] {
  const plain = normalizeColumnName(name);
  const twoLetter = normalizeColumnName(name.normalize('NFC').replace(/[åÅ]/g, 'aa').replace(/[øØ]/g, 'oe'));
  return twoLetter === plain ? [plain] : [plain, twoLetter];
}

/** Normalised accepted name → spec; the first spec listing a name wins. */
function nameIndex(specs: readonly ColumnSpec[]): Map<string, ColumnSpec> {
  const index = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    for (const name of [spec.key, ...spec.aliases]) {
      for (const n of lookupForms(name)) if (n !== '' && !index.has(n)) index.set(n, spec);
    }
  }
  return index;
}

/**
 * A `findHeader` for `readTable`: true for a row in which at least one required field's
 * name appears (any field's, when none is required), so title lines above the header are
 * skipped.
 */
export function headerMatcher(specs: readonly ColumnSpec[]): (cells: readonly string[]) => boolean {
  const index = nameIndex(specs);
  const anyRequired = specs.some((s) => s.required);
  return (cells) =>
    cells.some((cell) => {
      const spec = index.get(headerKey(cell));
      return spec !== undefined && (spec.required || !anyRequired);
    });
}

/**
 * Finds each field's column in a header row. Collects every problem, then throws them as one
 * `FlereError` (data): `csv.duplicate-column` when two columns name the same field (the same
 * name twice, or two aliases of one field, e.g. `kode` and `kommunekode`; `column` is the
 * later one, `args.first` the earlier), and `csv.missing-column` for each required field not
 * found (`args.key`, and `args.accepted`: the accepted names, comma-separated).
 */
export function matchColumns<const S extends readonly ColumnSpec[]>(
  header: readonly string[],
  specs: S,
  where: { readonly file: string; readonly line: number },
): ColumnMatch<S> {
  const index = nameIndex(specs);
  const found = new Map<string, MatchedColumn>();
  const bag = new DiagnosticBag();
  const at = (d: Omit<Diagnostic, 'file' | 'line'>): Diagnostic => ({ ...d, file: where.file, line: where.line });

  header.forEach((name, i) => {
    const spec = index.get(headerKey(name));
    if (spec === undefined) return;
    const first = found.get(spec.key);
    if (first === undefined) {
      found.set(spec.key, { index: i, name });
      return;
    }
    bag.add(
      at({
        code: 'csv.duplicate-column',
        column: name,
        args: { key: spec.key, first: first.name, firstPosition: first.index + 1, position: i + 1 },
      }),
    );
  });
  for (const spec of specs) {
    if (spec.required && !found.has(spec.key)) {
      bag.add(at({ code: 'csv.missing-column', args: { key: spec.key, accepted: acceptedNames(spec).join(', ') } }));
    }
  }
  bag.throwIfAny('data');
  return Object.fromEntries(found) as ColumnMatch<S>;
}
