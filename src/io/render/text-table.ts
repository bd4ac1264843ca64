/**
 * Aligned plain-text tables for terminals. Widths are measured in code points of the
 * visible text (colour codes are added after alignment), numbers align right.
 */

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
  // A loop, not Math.max(...cells): a million rows would be a million arguments (stack overflow).
  const widths = columns.map((c, j) => rows.reduce((w, r) => Math.max(w, width(r.cells[j] ?? '')), width(c.heading)));
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, j) => {
        const cell = cells[j] ?? '';
        const pad = ' '.repeat((widths[j] as number) - width(cell));
        return c.right ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [headingStyle(line(columns.map((c) => c.heading))), ...rows.map((r) => (r.style ?? ((s) => s))(line(r.cells)))];
}
