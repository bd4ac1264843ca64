/**
 * A {@link Workbook} as the bytes of an .xlsx file (Office Open XML, zipped by `zip.ts` with
 * Node's zlib). Written here rather than with write-excel-file: that library takes each
 * number as a JavaScript double and writes `String(value)`, which cannot hold flere's exact
 * decimals (see the README's Dependencies).
 *
 * What a person sees when the file opens: the header row bold, frozen and with filter
 * buttons; numbers right-aligned in grouped formats that Excel shows in its own language
 * (the format codes are locale-neutral); months as dates shown `2017-07`; text as text; a
 * totals row in bold under the filtered range; columns wide enough for their contents.
 */
import { columnLetter } from './cell-reference.js';
import { type CellKind, type CellValue, MAX_SHEET_ROWS, type Sheet, type SheetColumn, type Workbook } from './workbook.js';
import { type ZipContent, zipFiles } from './zip.js';

/** The widest column made, in characters; longer texts wrap nothing but are cut off on screen. */
const MAX_WIDTH = 60;
const CANONICAL_DECIMAL = /^-?\d+(?:\.\d+)?$/;
/** A decimal shown rounded: the digits kept, then `…` (an explained quota cut at its places). */
const ROUNDED = '…';
const MONTH = /^(\d{4})-(\d{2})$/;
// XML 1.0 cannot hold these at all, not even escaped.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;

/** The bytes of the workbook's .xlsx file. Throws RangeError for a cell that is not its column's kind (a bug). */
export function workbookBytes(workbook: Workbook): Uint8Array {
  if (workbook.sheets.length === 0) throw new RangeError('a workbook needs a sheet');
  const styles = new StyleTable();
  const sheets = workbook.sheets.map((sheet, i) => ({ name: checkedName(sheet.name), ...sheetXml(sheet, styles, i === 0) }));
  const files: Record<string, ZipContent> = {
    '[Content_Types].xml': contentTypes(sheets.length),
    '_rels/.rels': ROOT_RELS,
    'xl/workbook.xml': workbookXml(sheets),
    'xl/_rels/workbook.xml.rels': workbookRels(sheets.length),
    'xl/styles.xml': styles.xml(),
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = s.xml;
  });
  return zipFiles(files);
}

function checkedName(name: string): string {
  if (name === '' || name.length > 31 || SHEET_NAME_FORBIDDEN.test(name)) throw new RangeError(`not a sheet name: ${JSON.stringify(name)}`);
  return name;
}

/**
 * Excel's serial day number of the first day of a `YYYY-MM` month (1900 date system: 25569 is
 * 1970-01-01; days are whole, so the result is an integer). Through `setUTCFullYear` rather
 * than `Date.UTC`, which reads the years 0–99 as 1900–1999.
 */
export function monthSerial(month: string): number {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return new Date(0).setUTCFullYear(Number(m[1]), Number(m[2]) - 1, 1) / 86_400_000 + 25569;
}

// What escapeXml changes: most texts have none of it and are returned as they are.
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(INVALID_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The cell formats (number format × bold) used, each an `<xf>` of styles.xml. */
class StyleTable {
  private readonly formats = new Map<string, number>();
  private readonly xfs: { numFmtId: number; bold: boolean; right: boolean }[] = [{ numFmtId: 0, bold: false, right: false }];
  private readonly index = new Map<string, number>([['0:false:false', 0]]);

  /** A header's style: bold, and right-aligned over a column of numbers or months, as its cells are. */
  header(column: SheetColumn): number {
    return this.xf(0, true, column.kind !== 'text');
  }

  // Numbers and months stand right-aligned one indent away from the column's right edge, so
  // that the next column's text never runs into them (`622.245306` for 622.245 and id 306).

  /**
   * The style id for a column's cells, bold for headers and totals; `rounded` for a decimal
   * whose text ended in `…`, whose format then shows the `…` after the digits.
   */
  id(column: SheetColumn, bold: boolean, rounded = false): number {
    return this.xf(this.numFmt(column, rounded), bold, column.kind !== 'text');
  }

  private xf(numFmtId: number, bold: boolean, right: boolean): number {
    const key = `${numFmtId}:${bold}:${right}`;
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.xfs.length;
      this.xfs.push({ numFmtId, bold, right });
      this.index.set(key, id);
    }
    return id;
  }

  private numFmt(column: SheetColumn, rounded: boolean): number {
    const kind: CellKind = column.kind;
    if (kind === 'text') return 49; // built-in "@": text
    if (kind === 'integer') return 3; // built-in "#,##0"
    const code = kind === 'month' ? 'yyyy-mm' : `#,##0.${'0'.repeat(column.decimals ?? 2)}${rounded ? `"${ROUNDED}"` : ''}`;
    let id = this.formats.get(code);
    if (id === undefined) {
      id = 164 + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  xml(): string {
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('');
    const xfs = this.xfs
      .map(
        ({ numFmtId, bold, right }) =>
          `<xf numFmtId="${numFmtId}" fontId="${bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"${numFmtId === 0 ? '' : ' applyNumberFormat="1"'}${bold ? ' applyFont="1"' : ''}` +
          (right ? ' applyAlignment="1"><alignment horizontal="right" indent="1"/></xf>' : '/>'),
      )
      .join('');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (this.formats.size > 0 ? `<numFmts count="${this.formats.size}">${numFmts}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${xfs}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

/** One cell's XML, or '' for an empty one; `style` gives the style id (of a rounded decimal, too). */
function cellXml(value: CellValue, column: SheetColumn, ref: string, style: (rounded: boolean) => number): string {
  if (value === null || value === '') return '';
  switch (column.kind) {
    case 'text':
      return `<c r="${ref}" s="${style(false)}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
    case 'month':
      return `<c r="${ref}" s="${style(false)}"><v>${monthSerial(value)}</v></c>`;
    default: {
      // The decimal text itself, as the CSV shows it: no float on the way. A rounded decimal
      // keeps its digits; its `…` moves into the number format.
      const rounded = column.kind === 'decimal' && value.endsWith(ROUNDED);
      const digits = rounded ? value.slice(0, -ROUNDED.length) : value;
      if (!CANONICAL_DECIMAL.test(digits)) throw new RangeError(`not a decimal for ${column.header}: ${JSON.stringify(value)}`);
      return `<c r="${ref}" s="${style(rounded)}"><v>${digits}</v></c>`;
    }
  }
}

/** How many characters a value takes on screen, with grouping and decimals as formatted. */
function shownWidth(value: CellValue, column: SheetColumn): number {
  if (value === null) return 0;
  // Code units, not code points: a width, and a million spreads of a string cost seconds.
  if (column.kind === 'text') return value.length;
  if (column.kind === 'month') return 7;
  const int = value.replace('-', '').split('.')[0] ?? '';
  const places = column.kind === 'integer' ? 0 : (column.decimals ?? 2);
  const rounded = value.endsWith(ROUNDED) ? 1 : 0;
  return int.length + Math.floor((int.length - 1) / 3) + (places > 0 ? places + 1 : 0) + (value.startsWith('-') ? 1 : 0) + rounded;
}

/** Rows of a sheet's XML joined into one piece of bytes at a time: no string of the whole sheet. */
const ROWS_PER_PIECE = 2048;

/**
 * A sheet's XML as pieces of UTF-8 (a sheet of a million rows is larger than a JavaScript
 * string may be), and its filter range (header and data rows) for the workbook's defined name.
 */
function sheetXml(sheet: Sheet, styles: StyleTable, selected: boolean): { xml: Uint8Array[]; filter: string } {
  const { columns } = sheet;
  // Room for the filter button (and a number's indent).
  const widths = columns.map((c) => [...c.header].length + (c.kind === 'text' ? 3 : 5));
  const headerStyles = columns.map((c) => styles.header(c));
  // Each column's style ids, looked up once: a rounded decimal's only when one occurs.
  const styleOf = (bold: boolean): ((rounded: boolean) => number)[] =>
    columns.map((c) => {
      const plain = styles.id(c, bold);
      let rounded: number | undefined;
      return (isRounded) => (isRounded ? (rounded ??= styles.id(c, bold, true)) : plain);
    });
  const cellStyles = styleOf(false);
  const totalStyles = styleOf(true);
  const letters = columns.map((_, j) => columnLetter(j));
  const lastColumn = letters[letters.length - 1] as string;
  const pieces: Uint8Array[] = [];
  let rows: string[] = [];
  const header = columns.map((c, j) => `<c r="${letters[j]}1" s="${headerStyles[j]}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.header)}</t></is></c>`).join('');
  rows.push(`<row r="1">${header}</row>`);
  let r = 1;
  const addRow = (values: readonly CellValue[], styleIds: readonly ((rounded: boolean) => number)[]): void => {
    r += 1;
    // Excel's last row; callers check the count first (a usage error), so this is a bug.
    if (r > MAX_SHEET_ROWS) throw new RangeError(`sheet ${sheet.name} has more rows than Excel has`);
    let cells = '';
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j] as SheetColumn;
      const value = values[j] ?? null;
      // Text: a little room; numbers and months: room for the indent too.
      const width = shownWidth(value, c) + (c.kind === 'text' ? 2 : 4);
      if (width > (widths[j] as number)) widths[j] = width;
      cells += cellXml(value, c, `${letters[j]}${r}`, styleIds[j] as (rounded: boolean) => number);
    }
    rows.push(`<row r="${r}">${cells}</row>`);
    if (rows.length === ROWS_PER_PIECE) {
      pieces.push(Buffer.from(rows.join(''), 'utf8'));
      rows = [];
    }
  };
  for (const row of sheet.rows) addRow(row, cellStyles);
  const lastDataRow = r;
  if (sheet.totals) addRow(sheet.totals, totalStyles);
  pieces.push(Buffer.from(rows.join(''), 'utf8'));
  // The columns' widths are known only now; they come before the rows in the file.
  const cols = widths.map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${Math.min(w, MAX_WIDTH)}" customWidth="1"/>`).join('');
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    // Printed, the sheet fits the page's width (as many pages down as it needs).
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${lastColumn}${r}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols>` +
    '<sheetData>';
  const tail =
    '</sheetData>' +
    `<autoFilter ref="A1:${lastColumn}${lastDataRow}"/>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${columns.length > 6 ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
    '</worksheet>';
  return { xml: [Buffer.from(head, 'utf8'), ...pieces, Buffer.from(tail, 'utf8')], filter: `$A$1:$${lastColumn}$${lastDataRow}` };
}

/** A sheet name as a formula reference: quoted, with quotes doubled. */
const quotedSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

function workbookXml(sheets: readonly { readonly name: string; readonly filter: string }[]): string {
  const sheetElements = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // Excel keeps each sheet's filter range under this hidden name; without it, it repairs the
  // file. The header row is also each sheet's print title: repeated on every printed page.
  const filters = sheets
    .map(
      (s, i) =>
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(quotedSheet(s.name))}!${s.filter}</definedName>` +
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quotedSheet(s.name))}!$1:$1</definedName>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${sheetElements}</sheets>` +
    `<definedNames>${filters}</definedNames>` +
    '</workbook>'
  );
}

function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    sheets +
    '</Types>'
  );
}

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

function workbookRels(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheets +
    `<Relationship Id="rId${sheetCount + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}
