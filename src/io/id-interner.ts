/**
 * Identifiers (byte strings) to dense numbers 0, 1, 2, … without making a JS string per
 * lookup. Two open-addressing tables share one numbering:
 * - digit-only identifiers of 1–14 digits (CPR numbers, case numbers) are keyed by two small
 *   integers (see {@link digitKey}), so a lookup compares integers and touches no key bytes;
 * - anything else is hashed while the reader scans it and compared against its bytes, kept
 *   in one growing arena.
 * For millions of rows over ~10⁵ distinct persons this is several times cheaper than a
 * `Map<string, number>` with a string made per row.
 */

/**
 * FNV-1a's offset basis. A step over a byte is `Math.imul(hash ^ byte, 0x01000193)`, inlined
 * by the reader's hot loop; `hashFinish` ends it.
 */
export const HASH_SEED = 0x811c9dc5 | 0;

/** Spreads FNV-1a's value over all bits (murmur3's finaliser), since the table uses the low ones. */
export function hashFinish(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** The hash of `bytes[start, end)` as `intern` expects it. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return hashFinish(h);
}

/** Most digits of an identifier keyed as digits: 9 in `head`, 5 in `tail`. */
export const MAX_DIGIT_KEY_LENGTH = 14;

/**
 * The key of a digit-only identifier is a pair of small integers (they stay V8 "Smis", so no
 * floating point is involved anywhere): `head` = the value of its first 9 digits (or all of
 * them), `tail` = (the value of the digits after the ninth) × 16 + the number of digits.
 * The count keeps `0101` and `101` apart; `tail` is never 0. Computed by the reader while it
 * scans, and by {@link digitKeyOf} here.
 */
export interface DigitKey {
  readonly head: number;
  readonly tail: number;
}

/** The key of `bytes[start, end)` if it is 1–14 ASCII digits, else undefined. */
export function digitKeyOf(bytes: Uint8Array, start: number, end: number): DigitKey | undefined {
  const length = end - start;
  if (length < 1 || length > MAX_DIGIT_KEY_LENGTH) return undefined;
  let head = 0;
  let rest = 0;
  for (let i = 0; i < length; i += 1) {
    const d = (bytes[start + i] as number) - 48;
    if (d < 0 || d > 9) return undefined;
    if (i < 9) head = head * 10 + d;
    else rest = rest * 10 + d;
  }
  return { head, tail: rest * 16 + length };
}

/** Spreads a digit key over 32 bits. */
export function digitsHash(head: number, tail: number): number {
  return hashFinish(head ^ Math.imul(tail, 0x9e3779b1));
}

/**
 * The interner. Numbers are assigned in order of first appearance; key bytes are copied in,
 * so the caller's buffer may be reused. Memory: ~14 bytes per distinct digit key, ~30 plus
 * its bytes per byte key. The same identifier must always reach the same table: use
 * {@link IdInterner.internCell} or classify exactly as it does.
 */
export class IdInterner {
  // Digit keys: slot → number + 1 (0 is empty); keys[2n], keys[2n + 1] hold number n's head
  // and tail, side by side so that checking a key reads one cache line (the tail is 0 for the
  // number of a byte key: a digit key's tail is never 0). The table is filled up to 3/4:
  // probes are longer but mostly stay within a line, and a smaller table stays in cache.
  // Small to start with, so that growing is a path the reader's warm-up already takes.
  private digitTable = new Int32Array(1 << 9);
  private digitMask = (1 << 9) - 1;
  private keys = new Int32Array(1 << 9);
  private digitCount = 0;

  private table = new Int32Array(1 << 8); // byte key index + 1; 0 is empty
  private mask = (1 << 8) - 1;
  private hashes = new Int32Array(1 << 6);
  private numbers = new Int32Array(1 << 6);
  private offsets = new Int32Array((1 << 6) + 1); // key k is arena[offsets[k], offsets[k + 1])
  private arena = new Uint8Array(1 << 10);
  private count = 0;
  private byteCount = 0;

  /** How many distinct keys were seen. */
  get size(): number {
    return this.count;
  }

  /**
   * The number of the digit identifier with this key ({@link DigitKey}), assigned on first
   * sight. @param hash `digitsHash(head, tail)`
   */
  internDigits(head: number, tail: number, hash: number): number {
    const table = this.digitTable;
    const mask = this.digitMask;
    let j = hash & mask;
    for (;;) {
      const entry = table[j] as number;
      if (entry === 0) break;
      const n2 = (entry - 1) * 2;
      if (this.keys[n2 + 1] === tail && this.keys[n2] === head) return entry - 1;
      j = (j + 1) & mask;
    }
    const n = this.newNumber();
    this.keys[2 * n] = head;
    this.keys[2 * n + 1] = tail;
    table[j] = n + 1;
    this.digitCount += 1;
    if (this.digitCount * 4 > (mask + 1) * 3) this.rehashDigits();
    return n;
  }

  /**
   * The number of the identifier `bytes[start, end)`, whichever table it belongs in: digits
   * only and at most MAX_DIGIT_KEY_LENGTH of them → by digit key, else by bytes.
   */
  internCell(bytes: Uint8Array, start: number, end: number): number {
    const key = digitKeyOf(bytes, start, end);
    if (key !== undefined) return this.internDigits(key.head, key.tail, digitsHash(key.head, key.tail));
    return this.intern(bytes, start, end, hashBytes(bytes, start, end));
  }

  /**
   * The number of `bytes[start, end)` as a byte key, assigned on first sight.
   * @param hash `hashBytes(bytes, start, end)` (or the same computed inline while scanning)
   */
  intern(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const found = this.find(bytes, start, end, hash);
    return found >= 0 ? found : this.insert(bytes, start, end - start, hash);
  }

  /** The number of byte key `bytes[start, end)` if it was interned before, else −1; never inserts. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    const mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const entry = this.table[i] as number;
      if (entry === 0) {
        this.freeSlot = i;
        return -1;
      }
      const k = entry - 1;
      if (this.hashes[k] === hash) {
        const from = this.offsets[k] as number;
        if ((this.offsets[k + 1] as number) - from === length) {
          const arena = this.arena;
          let x = 0;
          while (x < length && bytes[start + x] === arena[from + x]) x += 1;
          if (x === length) return this.numbers[k] as number;
        }
      }
      i = (i + 1) & mask;
    }
  }

  // Where the last unsuccessful `find` stopped: the slot an insert of that key takes.
  private freeSlot = 0;

  private newNumber(): number {
    const n = this.count;
    if (2 * n + 1 >= this.keys.length) {
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.count = n + 1;
    return n;
  }

  private insert(bytes: Uint8Array, start: number, length: number, hash: number): number {
    // Byte keys have their own dense index k (into hashes/offsets); the table maps to it,
    // and `numbers` from it to the shared number.
    const k = this.byteCount;
    if (k + 1 >= this.hashes.length) this.growKeys();
    const from = this.offsets[k] as number;
    if (from + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, from + length));
      arena.set(this.arena.subarray(0, from));
      this.arena = arena;
    }
    for (let i = 0; i < length; i += 1) this.arena[from + i] = bytes[start + i] as number;
    this.offsets[k + 1] = from + length;
    this.hashes[k] = hash;
    const n = this.newNumber();
    this.keys[2 * n + 1] = 0;
    this.numbers[k] = n;
    this.table[this.freeSlot] = k + 1;
    this.byteCount = k + 1;
    if (this.byteCount * 2 > this.table.length) this.rehashBytes();
    return n;
  }

  private rehashDigits(): void {
    const slots = (this.digitMask + 1) * 2;
    const table = new Int32Array(slots);
    const mask = slots - 1;
    for (let n = 0; n < this.count; n += 1) {
      const tail = this.keys[2 * n + 1] as number;
      if (tail === 0) continue; // a byte key's number
      let j = digitsHash(this.keys[2 * n] as number, tail) & mask;
      while (table[j] !== 0) j = (j + 1) & mask;
      table[j] = n + 1;
    }
    this.digitTable = table;
    this.digitMask = mask;
  }

  private growKeys(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const offsets = new Int32Array(this.hashes.length + 1);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const numbers = new Int32Array(this.hashes.length);
    numbers.set(this.numbers);
    this.numbers = numbers;
  }

  private rehashBytes(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let k = 0; k < this.byteCount; k += 1) {
      let i = (this.hashes[k] as number) & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = k + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
