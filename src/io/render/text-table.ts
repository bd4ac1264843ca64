/**
 * Aligned plain-text tables for terminals. Widths are measured in code points of the
 * visible text (colour codes are added after alignment), numbers align right. Every cell and
 * heading is made visible first (`visibleText`): names and column names come from files and
 * options, and an escape sequence in one must not reach the terminal.
 */
import { visibleText } from './visible-text.js';

/** A column: its heading and whether its cells align right (numbers). */
export interface TextColumn {
  readonly heading: string;
  readonly right?: boolean;
}

/** A row's cells plus an optional styling applied to the padded line (e.g. dim, bold). */
export interface TextRow {
  readonly cells: readonly string[];
  readonly style?: (line: string) => string;
}

/** Lays out columns and rows with two spaces between columns; returns lines without newlines. */
export function layoutTable(
  columns: readonly TextColumn[],
  rows: readonly TextRow[],
  headingStyle: (line: string) => string = (s) => s,
): string[] {
  const width = (s: string): number => [...s].length;
  const shownColumns = columns.map((c) => ({ ...c, heading: visibleText(c.heading) }));
  const shownRows = rows.map((r) => ({ ...r, cells: r.cells.map(visibleText) }));
  // A loop, not Math.max(...cells): a million rows would be a million arguments (stack overflow).
  const widths = shownColumns.map((c, j) => shownRows.reduce((w, r) => Math.max(w, width(r.cells[j] ?? '')), width(c.heading)));
  const line = (cells: readonly string[]): string =>
    shownColumns
      .map((c, j) => {
        const cell = cells[j] ?? '';
        const pad = ' '.repeat((widths[j] as number) - width(cell));
        return c.right ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [headingStyle(line(shownColumns.map((c) => c.heading))), ...shownRows.map((r) => (r.style ?? ((s) => s))(line(r.cells)))];
}
