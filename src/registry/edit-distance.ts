/**
 * Edit distance between two strings, used to rank suggestions for unknown names.
 */

/**
 * Optimal-string-alignment Damerau–Levenshtein distance: the fewest insertions, deletions,
 * substitutions and swaps of two adjacent characters turning `a` into `b` (no substring is
 * edited twice). Symmetric, 0 only for equal strings, at most max(|a|, |b|). Counts UTF-16
 * code units, which is exact for the ASCII keys it is given here. O(|a|·|b|) time.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows suffice: a swap looks back two rows.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}
