/**
 * fast-check arbitraries for counts files as people really send them: any of the encodings,
 * delimiters and line ends flere reads, `sep=` lines, titles, blank and `;;;` rows, quoted
 * cells, header names in English or Danish, kommuner by code or by any usual spelling, and
 * counts in every grouping the file's number style allows. A shape also knows the counts it
 * stands for, so a property can compare it with the same counts written cleanly; `chaos`
 * then damages a valid shape in the ways files get damaged.
 */
import fc from 'fast-check';
import { KOMMUNER } from '../../src/registry/kommuner.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** A counts file: its bytes, the options needed to read it, and the counts it means. */
export interface CountsShape {
  readonly bytes: Uint8Array;
  /** Extra arguments for `flere allocate` (a `--delimiter` the file does not declare). */
  readonly args: readonly string[];
  /** code → persons, as meant by the file. */
  readonly counts: ReadonlyMap<string, number>;
  /** What was done to the file, for failure messages. */
  readonly description: string;
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F; these are the ones the titles use.
const CP1252_EXTRA: Readonly<Record<string, number>> = { '€': 0x80, '–': 0x96, '”': 0x94, '“': 0x93 };

/** Text as bytes of an encoding; characters Windows-1252 lacks become `?`, as Excel does. */
export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'windows-1252':
      return Buffer.from(
        [...text.normalize('NFC')].map((ch) => {
          const code = CP1252_EXTRA[ch] ?? ch.codePointAt(0) ?? 0x3f;
          return code > 0xff || (code >= 0x80 && code <= 0x9f && !(ch in CP1252_EXTRA)) ? 0x3f : code;
        }),
      );
  }
}

const COUNT_HEADERS = ['antal', 'Antal', 'ANTAL', 'Antal personer', 'antal_personer', 'Bruttomålgruppe', 'målgruppe', 'count', 'Personer'];
const NAME_HEADERS = ['kommune', 'Kommune', 'Kommunenavn', 'navn', 'Name', 'KOMMUNE'];
const CODE_HEADERS = ['kode', 'Kommunekode', 'KODE', 'komnr', 'Kommunenr.'];
// Title lines that name no column exactly, as Excel exports put above the header.
const TITLES = [
  'Flere skal med – bruttomålgruppe pr. kommune',
  'Opgørelse 2017 (pulje ca. 35 mio. €)',
  'Kilde: STAR, jobindsats.dk',
  'Udtræk “FSM1”',
];
// Spellings that resolve to one kommune besides its name and code.
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  '101': ['Københavns Kommune', 'Kbh'],
  '169': ['Høje-Tåstrup', 'Høje Taastrup', 'Taastrup'],
  '400': ['Bornholms Regionskommune'],
  '751': ['Århus', 'Aarhus Kommune', 'Århus Kommune'],
  '173': ['Lyngby', 'Kgs. Lyngby'],
};

/** Ways to write a kommune; NFD only where the encoding can hold combining marks. */
function spellings(code: string, name: string, utf: boolean): string[] {
  const forms = [code, code.padStart(4, '0'), name, name.toUpperCase(), name.toLowerCase(), `${name} Kommune`, ...(VARIANTS[code] ?? [])];
  return utf ? [...forms, name.normalize('NFD'), `${name} Kommune`.normalize('NFD')] : forms;
}

/** Ways to write `n` persons in a file whose decimal mark is `mark`; U+202F only in Unicode. */
function countForms(n: number, mark: ',' | '.', utf: boolean): string[] {
  const digits = String(n);
  const group = (sep: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const common = [digits, `+${digits}`, ` ${digits} `, group(' '), group('\u00a0'), ...(utf ? [group('\u202f')] : [])];
  return mark === ','
    ? [...common, group('.'), `${digits},00`, `${group('.')},0`]
    : [...common, `${digits}.00`, `${digits}.0`];
}

/** A cell as written: quoted when it must be, and sometimes when it need not be. */
function cell(value: string, delimiter: string, quote: boolean): string {
  const must = value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim();
  return must || quote ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Random choices, drawn once per shape, that `render` turns into text. */
interface Plan {
  readonly kommuner: readonly { code: string; name: string; count: number }[];
  readonly encoding: Encoding;
  readonly delimiter: ';' | ',' | '\t' | '|';
  readonly declare: 'sep' | 'option' | 'sniff';
  readonly eol: '\r\n' | '\n' | '\r';
  readonly identity: 'code' | 'name' | 'both';
  readonly headers: { readonly count: string; readonly name: string; readonly code: string };
  readonly note: boolean;
  readonly countFirst: boolean;
  readonly titles: readonly string[];
  /** Per row: spelling index, count form index, quote flags, blank rows before it, note text. */
  readonly rows: readonly { spell: number; form: number; quote: number; blanks: number; note: string }[];
  readonly trailingBlank: boolean;
}

const noteText = fc.string({ unit: fc.constantFrom('a', 'ø', ' ', ';', ',', '"', '\n', '–', '1', '\t'), maxLength: 8 });

const planArb: fc.Arbitrary<Plan> = fc
  .uniqueArray(fc.constantFrom(...KOMMUNER), { minLength: 1, maxLength: 14, selector: (k) => k.code })
  .chain((picked) =>
    fc.record({
      kommuner: fc.tuple(...picked.map((k) => fc.nat({ max: 20_000 }).map((count) => ({ code: k.code, name: k.name, count })))),
      encoding: fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le', 'utf-16be'),
      delimiter: fc.constantFrom(';', ',', '\t', '|' as const),
      declare: fc.constantFrom('sep', 'option', 'sniff' as const),
      eol: fc.constantFrom('\r\n', '\n', '\r' as const),
      identity: fc.constantFrom('code', 'name', 'both' as const),
      headers: fc.record({
        count: fc.constantFrom(...COUNT_HEADERS),
        name: fc.constantFrom(...NAME_HEADERS),
        code: fc.constantFrom(...CODE_HEADERS),
      }),
      note: fc.boolean(),
      countFirst: fc.boolean(),
      titles: fc.subarray(TITLES, { maxLength: 2 }),
      rows: fc.array(
        fc.record({ spell: fc.nat(), form: fc.nat(), quote: fc.nat({ max: 7 }), blanks: fc.nat({ max: 3 }).map((b) => (b === 3 ? 1 : 0)), note: noteText }),
        { minLength: picked.length, maxLength: picked.length },
      ),
      trailingBlank: fc.boolean(),
    }),
  );

/** The file text of a plan (before encoding) and the arguments it needs. */
function render(plan: Plan): { text: string; args: string[] } {
  const { delimiter: d, eol } = plan;
  const utf = plan.encoding !== 'windows-1252';
  const mark = d === ';' ? ',' : '.';
  // A pipe is never sniffed: it needs sep= or --delimiter.
  const declare = d === '|' && plan.declare === 'sniff' ? 'sep' : plan.declare;
  const columns: ('code' | 'name' | 'count' | 'note')[] = [];
  if (plan.identity !== 'name') columns.push('code');
  if (plan.identity !== 'code') columns.push('name');
  if (plan.countFirst) columns.unshift('count');
  else columns.push('count');
  if (plan.note) columns.push('note');
  const heading = { code: plan.headers.code, name: plan.headers.name, count: plan.headers.count, note: 'Bemærkning' };

  const lines: string[] = [];
  if (declare === 'sep') lines.push(`sep=${d}`);
  lines.push(...plan.titles);
  lines.push(columns.map((c) => cell(heading[c], d, false)).join(d));
  plan.kommuner.forEach((k, i) => {
    const row = plan.rows[i] ?? { spell: 0, form: 0, quote: 0, blanks: 0, note: '' };
    for (let b = 0; b < row.blanks; b += 1) lines.push(i % 2 === 0 ? '' : d.repeat(columns.length - 1));
    // A name column may hold a code too (people paste what they have); beside a code column it holds a name.
    const names = spellings(k.code, k.name, utf).filter((s) => plan.identity === 'name' || !/^\d+$/.test(s));
    const codes = [k.code, k.code.padStart(4, '0')];
    const forms = countForms(k.count, mark, utf);
    const values = {
      code: codes[row.spell % codes.length] ?? k.code,
      name: names[row.spell % names.length] ?? k.name,
      count: forms[row.form % forms.length] ?? String(k.count),
      note: row.note,
    };
    lines.push(columns.map((c, j) => cell(values[c], d, ((row.quote >> j) & 1) === 1)).join(d));
  });
  const text = lines.join(eol) + (plan.trailingBlank ? eol + eol : eol);
  return { text, args: declare === 'option' ? ['--delimiter', d === '\t' ? 'tab' : d] : [] };
}

/** Valid counts files: flere must read each to exactly `counts`. */
export const validCountsShape: fc.Arbitrary<CountsShape> = planArb
  .filter((plan) => plan.kommuner.some((k) => k.count > 0))
  .map((plan) => {
    const { text, args } = render(plan);
    return {
      bytes: encode(text, plan.encoding),
      args,
      counts: new Map(plan.kommuner.map((k) => [k.code, k.count])),
      description: `${plan.encoding} ${JSON.stringify(plan.delimiter)} ${plan.declare} ${JSON.stringify(plan.eol)} ${plan.identity}\n${text}`,
    };
  });

/** The same counts as a clean file: UTF-8, commas, LF, codes. */
export function cleanFile(counts: ReadonlyMap<string, number>): string {
  return ['kode,antal', ...[...counts].map(([code, n]) => `${code},${n}`), ''].join('\n');
}

const GARBAGE_CELLS = ['-3', '\u22127', 'abc', '#I/T', '#VÆRDI!', '1e5', '1e999999', 'NaN', 'Infinity', '12,5', '1.6', '', '0x10', '1.2.3', '١٢', '１２', '9'.repeat(40), '=1+1', '"'];

/** One way a file gets damaged, applied to its text or its bytes. */
type Damage =
  | { kind: 'bytes'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number }
  | { kind: 'cell'; line: number; value: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'drop-delimiters'; line: number }
  | { kind: 'quote'; line: number }
  | { kind: 'unknown-name'; line: number; name: string };

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('cell' as const), line: fc.nat(), value: fc.oneof(fc.constantFrom(...GARBAGE_CELLS), fc.string({ maxLength: 6 })) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('drop-delimiters' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('quote' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('unknown-name' as const), line: fc.nat(), name: fc.constantFrom('Odnese', 'Atlantis', 'København S', 'Aarhus C', '') }),
);

function damageText(text: string, damage: Damage, delimiter: string): string {
  const lines = text.split(/(?<=\n)/);
  const i = 'line' in damage ? damage.line % Math.max(1, lines.length) : 0;
  const line = lines[i] ?? '';
  const cells = line.replace(/\r?\n$/, '').split(delimiter);
  const end = line.endsWith('\r\n') ? '\r\n' : line.endsWith('\n') ? '\n' : '';
  switch (damage.kind) {
    case 'cell':
      cells[damage.line % Math.max(1, cells.length)] = damage.value;
      lines[i] = cells.join(delimiter) + end;
      break;
    case 'unknown-name':
      cells[0] = damage.name;
      lines[i] = cells.join(delimiter) + end;
      break;
    case 'duplicate-line':
      lines.splice(i, 0, line);
      break;
    case 'drop-delimiters':
      lines[i] = cells.join('') + end;
      break;
    case 'quote':
      lines[i] = `"${line}`;
      break;
    default:
      break;
  }
  return lines.join('');
}

/** Any counts file: a valid one, then damaged up to three times in its text or its bytes. */
export const anyCountsShape: fc.Arbitrary<CountsShape> = fc
  .tuple(planArb, fc.array(damageArb, { maxLength: 3 }))
  .map(([plan, damages]) => {
    const { text, args } = render(plan);
    let damaged = text;
    for (const damage of damages) damaged = damageText(damaged, damage, plan.delimiter);
    let bytes = encode(damaged, plan.encoding);
    for (const damage of damages) {
      if (damage.kind === 'bytes') {
        const at = damage.at % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, at), damage.bytes, bytes.subarray(at)]);
      } else if (damage.kind === 'truncate') {
        bytes = bytes.subarray(0, damage.at % (bytes.length + 1));
      }
    }
    return {
      bytes,
      args,
      counts: new Map(plan.kommuner.map((k) => [k.code, k.count])),
      description: `${plan.encoding} ${JSON.stringify(plan.delimiter)} ${JSON.stringify(damages.map((d) => d.kind))}\n${damaged}`,
    };
  });
