/**
 * The sheets of a workbook as its `xl/workbook.xml` lists them, in tab order: their names
 * (for messages and `--sheet`) and whether they are hidden. The workbook library looks a
 * sheet up by the same list, so a position found here is the library's too.
 */

/** A sheet of the workbook: its name as shown on its tab, and whether the tab is hidden. */
export interface WorkbookSheet {
  readonly name: string;
  readonly hidden: boolean;
}

const SHEET = /<(?:[A-Za-z_][\w.-]*:)?sheet\b([^>]*)>/g;

/** An attribute's value in an element's attribute text, XML entities resolved. */
function attribute(attributes: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return m === null ? undefined : unescapeXml(m[1] ?? m[2] ?? '');
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#')) {
      const point = e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return point <= 0x10ffff ? String.fromCodePoint(point) : '\ufffd';
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? '';
  });
}

/** The sheets listed in `workbookXml`, in order. */
export function workbookSheets(workbookXml: string): WorkbookSheet[] {
  const sheets: WorkbookSheet[] = [];
  for (const m of workbookXml.matchAll(SHEET)) {
    const attributes = m[1] ?? '';
    const name = attribute(attributes, 'name');
    if (name === undefined) continue;
    const state = attribute(attributes, 'state');
    sheets.push({ name, hidden: state === 'hidden' || state === 'veryHidden' });
  }
  return sheets;
}

/**
 * The 0-based position of the sheet to read: the one named `wanted` (exactly, else ignoring
 * case and surrounding spaces, as Excel tells sheet names apart), or without a name the
 * first sheet whose tab is shown (the first one a person sees when the file opens). −1 when
 * no sheet has that name.
 */
export function chooseSheet(sheets: readonly WorkbookSheet[], wanted: string | undefined): number {
  if (wanted === undefined) {
    const visible = sheets.findIndex((s) => !s.hidden);
    return visible >= 0 ? visible : 0;
  }
  const exact = sheets.findIndex((s) => s.name === wanted);
  if (exact >= 0) return exact;
  const key = wanted.trim().toLocaleLowerCase('da');
  return sheets.findIndex((s) => s.name.trim().toLocaleLowerCase('da') === key);
}
