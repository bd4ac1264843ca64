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
import { sharedBigInt } from './shared-bigint.js';

/** Thrown when no controlled rounding exists for the given column totals (a bug upstream). */
export class RoundingInfeasibleError extends Error {
  constructor(detail: string) {
    super(`controlled rounding is infeasible: ${detail}`);
    this.name = 'RoundingInfeasibleError';
  }
}

interface RowClass {
  /** Number of rows in the class. */
  size: number;
  /** Round-ups each row of the class needs. */
  readonly ups: number;
  /** R·p_j mod P per column: the fractional part's numerator. */
  readonly fractions: readonly bigint[];
}

/** The rows' classes: the classes, and for each row its class and its place within the class. */
interface Classification {
  readonly classes: readonly RowClass[];
  /** classOf[i]: index in `classes` of row i's class. */
  readonly classOf: Int32Array;
  /** placeOf[i]: 0-based place of row i among its class's rows, in row order. */
  readonly placeOf: Int32Array;
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
  const { classes, classOf, placeOf } = classify(rowTotals, shares, P);

  const floorSums = columnFloorSums(rowTotals, shares, P, classes);
  const need = columnTotals.map((C, j) => C - (floorSums[j] as bigint));
  const totalUps = classes.reduce((s, c) => s + c.ups * c.size, 0);
  if (need.some((e) => e < 0n) || need.reduce((s, e) => s + e, 0n) !== BigInt(totalUps)) {
    throw new RoundingInfeasibleError('column totals do not match the rows');
  }

  const source = 0;
  const sink = 1;
  const classNode = (c: number): number => 2 + c;
  const columnNode = (j: number): number => 2 + classes.length + j;
  const network = new FlowNetwork(2 + classes.length + m);
  const edges = classes.map((cls, c) => {
    network.addEdge(source, classNode(c), cls.ups * cls.size);
    // Prefer rounding up the cells with the larger fractional part: they are tried first.
    const preferred = [...cls.fractions.keys()]
      .filter((j) => (cls.fractions[j] as bigint) > 0n)
      .sort((a, b) => {
        const fa = cls.fractions[a] as bigint;
        const fb = cls.fractions[b] as bigint;
        return fa > fb ? -1 : fa < fb ? 1 : a - b;
      });
    const byColumn = new Map<number, number>();
    for (const j of preferred) byColumn.set(j, network.addEdge(classNode(c), columnNode(j), cls.size));
    return byColumn;
  });
  need.forEach((e, j) => network.addEdge(columnNode(j), sink, Number(e)));

  const flow = network.maxFlow(source, sink);
  if (flow !== totalUps) throw new RoundingInfeasibleError(`placed ${flow} of ${totalUps} round-ups`);

  const ups = classes.map((_, c) => Array.from({ length: m }, (_, j) => {
    const edge = edges[c]?.get(j);
    return edge === undefined ? 0 : network.flowOn(edge);
  }));
  const dealt = ups.map(dealing);
  return rowTotals.map((R, i) => {
    const c = classOf[i] as number;
    const size = (classes[c] as RowClass).size;
    const place = placeOf[i] as number;
    const deal = dealt[c] as Dealing;
    const classUps = ups[c] as number[];
    return shares.map((p, j) => {
      const floor = (R * p) / P;
      return sharedBigInt(roundsUp(place, size, deal[j] as number, classUps[j] as number) ? floor + 1n : floor);
    });
  });
}

/**
 * Σ_i ⌊R_i·p_j / P⌋ for each column j, from the classes instead of from every cell: a row of
 * class c has R_i·p_j = P·⌊R_i·p_j / P⌋ + f_cj (f_cj its class's fraction numerator), so the
 * column's floors sum to (p_j·Σ R_i − Σ_c |c|·f_cj) / P, an exact division.
 */
function columnFloorSums(rowTotals: readonly bigint[], shares: readonly bigint[], P: bigint, classes: readonly RowClass[]): bigint[] {
  let total = 0n;
  for (const R of rowTotals) total += R;
  return shares.map((p, j) => {
    let fractions = 0n;
    for (const cls of classes) fractions += BigInt(cls.size) * (cls.fractions[j] as bigint);
    return (p * total - fractions) / P;
  });
}

/**
 * Where each column's round-ups start among a class's rows. A class's round-ups are dealt
 * column by column over its rows in order, cyclically: column j takes the places
 * start_j, start_j + 1, … (mod the class size), ups_j of them, with start_j = Σ_{j' < j} ups_j'.
 * Each column carries at most one round-up per row (ups_j ≤ size), so no row gets two in one cell.
 */
type Dealing = readonly number[];

function dealing(ups: readonly number[]): Dealing {
  let start = 0;
  return ups.map((u) => {
    const first = start;
    start += u;
    return first;
  });
}

/** Whether the row at `place` of a class of `size` rows gets one of a column's `ups` round-ups dealt from `start`. */
function roundsUp(place: number, size: number, start: number, ups: number): boolean {
  return (place - (start % size) + size) % size < ups;
}

/** Groups the rows by residue R mod P: rows of one class have the same fractional parts. */
function classify(rowTotals: readonly bigint[], shares: readonly bigint[], P: bigint): Classification {
  const byResidue = new Map<bigint, number>();
  const classes: RowClass[] = [];
  const classOf = new Int32Array(rowTotals.length);
  const placeOf = new Int32Array(rowTotals.length);
  rowTotals.forEach((R, i) => {
    const residue = R % P;
    let c = byResidue.get(residue);
    if (c === undefined) {
      const fractions = shares.map((p) => (residue * p) % P);
      const ups = Number(fractions.reduce((s, f) => s + f, 0n) / P);
      c = classes.length;
      classes.push({ size: 0, ups, fractions });
      byResidue.set(residue, c);
    }
    const cls = classes[c] as RowClass;
    classOf[i] = c;
    placeOf[i] = cls.size;
    cls.size += 1;
  });
  return { classes, classOf, placeOf };
}
