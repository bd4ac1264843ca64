/**
 * Maximum flow (Dinic's algorithm) on a small directed graph with integer capacities.
 * Used for controlled rounding, where capacities count units to round up (never money),
 * so plain numbers are exact: they stay far below 2^53.
 */

/** A flow network under construction; nodes are 0 … size − 1. */
export class FlowNetwork {
  private readonly head: number[];
  /** Last arc of each node's list: arcs are appended, so they are tried in insertion order. */
  private readonly tail: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];

  constructor(readonly size: number) {
    this.head = new Array<number>(size).fill(-1);
    this.tail = new Array<number>(size).fill(-1);
  }

  /**
   * Adds an edge and returns its id, for `flowOn`. Edges leaving a node are tried in the
   * order they were added, which makes the result deterministic and lets callers express
   * preferences (add the preferred edge first).
   */
  addEdge(from: number, to: number, capacity: number): number {
    const id = this.to.length;
    this.pushArc(from, to, capacity);
    this.pushArc(to, from, 0);
    return id;
  }

  /** Flow carried by an edge after `maxFlow`. */
  flowOn(edge: number): number {
    return this.cap[edge ^ 1] as number;
  }

  /** Pushes as much flow as possible from `source` to `sink` and returns its value. */
  maxFlow(source: number, sink: number): number {
    let total = 0;
    const level = new Array<number>(this.size);
    const cursor = new Array<number>(this.size);
    while (this.buildLevels(source, sink, level)) {
      for (let v = 0; v < this.size; v++) cursor[v] = this.head[v] as number;
      for (;;) {
        const pushed = this.augment(source, sink, Number.MAX_SAFE_INTEGER, level, cursor);
        if (pushed === 0) break;
        total += pushed;
      }
    }
    return total;
  }

  private pushArc(from: number, to: number, capacity: number): void {
    const id = this.to.length;
    this.to.push(to);
    this.cap.push(capacity);
    this.next.push(-1);
    const last = this.tail[from] as number;
    if (last === -1) this.head[from] = id;
    else this.next[last] = id;
    this.tail[from] = id;
  }

  private buildLevels(source: number, sink: number, level: number[]): boolean {
    level.fill(-1);
    level[source] = 0;
    const queue = [source];
    for (let q = 0; q < queue.length; q++) {
      const v = queue[q] as number;
      for (let e = this.head[v] as number; e !== -1; e = this.next[e] as number) {
        const w = this.to[e] as number;
        if ((this.cap[e] as number) > 0 && level[w] === -1) {
          level[w] = (level[v] as number) + 1;
          queue.push(w);
        }
      }
    }
    return level[sink] !== -1;
  }

  // Depth of the recursion is bounded by the path length (a handful of nodes here).
  private augment(v: number, sink: number, limit: number, level: number[], cursor: number[]): number {
    if (v === sink) return limit;
    for (; cursor[v] !== -1; cursor[v] = this.next[cursor[v] as number] as number) {
      const e = cursor[v] as number;
      const w = this.to[e] as number;
      const capacity = this.cap[e] as number;
      if (capacity > 0 && level[w] === (level[v] as number) + 1) {
        const pushed = this.augment(w, sink, Math.min(limit, capacity), level, cursor);
        if (pushed > 0) {
          this.cap[e] = capacity - pushed;
          this.cap[e ^ 1] = (this.cap[e ^ 1] as number) + pushed;
          return pushed;
        }
      }
    }
    return 0;
  }
}
