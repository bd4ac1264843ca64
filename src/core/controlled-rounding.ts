/**
 * Controlled rounding (Cox's method) of a table whose rows are integers split by shares:
 * cell a_ij = R_i · p_j / P. Every cell is rounded to ⌊a_ij⌋ or ⌈a_ij⌉ (an integer cell
 * stays exactly as it is) so that each row still sums to R_i and each column to a given
 * total C_j. Choosing which cells round up is a transportation problem, solved as a max
 * flow: row i must round up d_i = R_i − Σ_j ⌊a_ij⌋ cells, column j takes e_j = C_j − Σ_i ⌊a_ij⌋.
 *
 * Rows with the same residue R_i mod P have identical fractional parts, so they are solved
 * as one class (the network has at most P classes however many rows there are) and the
 * class's round-ups are then dealt to its rows in order, cyclically, never twice in one
 * cell of a row.
 */
import { FlowNetwork } from './max-flow.js';

/** Thrown when no controlled rounding exists for the given column totals (a bug upstream). */
export class RoundingInfeasibleError extends Error {
  constructor(detail: string) {
    super(`controlled rounding is infeasible: ${detail}`);
    this.name = 'RoundingInfeasibleError';
  }
}

interface RowClass {
  readonly rows: number[];
  /** Round-ups each row of the class needs. */
  readonly ups: number;
  /** R·p_j mod P per column: the fractional part's numerator. */
  readonly fractions: readonly bigint[];
}

/**
 * Rounds R_i · p_j / P for every row i (in the caller's canonical order, which decides who
 * gets which round-up among equals) and share j. Requires R_i ≥ 0, p_j ≥ 0 with Σ p_j = P > 0,
 * Σ C_j = Σ R_i and each C_j within one of its exact column sum. Returns x[i][j] with
 * Σ_j x[i][j] = R_i, Σ_i x[i][j] = C_j, |x[i][j] − a_ij| < 1.
 */
export function roundSharesTable(
  rowTotals: readonly bigint[],
  shares: readonly bigint[],
  columnTotals: readonly bigint[],
): bigint[][] {
  const P = shares.reduce((s, p) => s + p, 0n);
  if (P <= 0n || shares.some((p) => p < 0n)) throw new RangeError('shares must be ≥ 0 and not all 0');
  const m = shares.length;

  const cells = rowTotals.map((R) => shares.map((p) => (R * p) / P));
  const classes = classify(rowTotals, shares, P);

  const need = columnTotals.map((C, j) => C - cells.reduce((s, row) => s + (row[j] as bigint), 0n));
  const totalUps = classes.reduce((s, c) => s + c.ups * c.rows.length, 0);
  if (need.some((e) => e < 0n) || need.reduce((s, e) => s + e, 0n) !== BigInt(totalUps)) {
    throw new RoundingInfeasibleError('column totals do not match the rows');
  }

  const source = 0;
  const sink = 1;
  const classNode = (c: number): number => 2 + c;
  const columnNode = (j: number): number => 2 + classes.length + j;
  const network = new FlowNetwork(2 + classes.length + m);
  const edges = classes.map((cls, c) => {
    network.addEdge(source, classNode(c), cls.ups * cls.rows.length);
    // Prefer rounding up the cells with the larger fractional part: they are tried first.
    const preferred = [...cls.fractions.keys()]
      .filter((j) => (cls.fractions[j] as bigint) > 0n)
      .sort((a, b) => {
        const fa = cls.fractions[a] as bigint;
        const fb = cls.fractions[b] as bigint;
        return fa > fb ? -1 : fa < fb ? 1 : a - b;
      });
    const byColumn = new Map<number, number>();
    for (const j of preferred) byColumn.set(j, network.addEdge(classNode(c), columnNode(j), cls.rows.length));
    return byColumn;
  });
  need.forEach((e, j) => network.addEdge(columnNode(j), sink, Number(e)));

  const flow = network.maxFlow(source, sink);
  if (flow !== totalUps) throw new RoundingInfeasibleError(`placed ${flow} of ${totalUps} round-ups`);

  classes.forEach((cls, c) => {
    // Deal the class's round-ups column by column over its rows, cyclically: each column
    // carries at most one per row, so no row gets two round-ups in one cell.
    let slot = 0;
    for (let j = 0; j < m; j++) {
      const edge = edges[c]?.get(j);
      const ups = edge === undefined ? 0 : network.flowOn(edge);
      for (let k = 0; k < ups; k++, slot++) {
        const row = cells[cls.rows[slot % cls.rows.length] as number] as bigint[];
        row[j] = (row[j] as bigint) + 1n;
      }
    }
  });
  return cells;
}

function classify(rowTotals: readonly bigint[], shares: readonly bigint[], P: bigint): RowClass[] {
  const byResidue = new Map<bigint, RowClass>();
  rowTotals.forEach((R, i) => {
    const residue = R % P;
    let cls = byResidue.get(residue);
    if (!cls) {
      const fractions = shares.map((p) => (residue * p) % P);
      const ups = Number(fractions.reduce((s, f) => s + f, 0n) / P);
      cls = { rows: [], ups, fractions };
      byResidue.set(residue, cls);
    }
    cls.rows.push(i);
  });
  return [...byResidue.values()];
}
