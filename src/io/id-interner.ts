/**
 * Identifiers (byte strings) to dense numbers 0, 1, 2, … without making a JS string per
 * lookup. Two open-addressing tables share one numbering:
 * - digit-only identifiers of 1–14 digits (CPR numbers, case numbers) are keyed by their value
 *   and length, so a lookup touches one table slot and no key bytes;
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

/** Most digits of an identifier keyed by value: 14 digits × 16 (for the length) stays below 2^53. */
export const MAX_DIGIT_KEY_LENGTH = 14;

/** Spreads a digit identifier's value and length over 32 bits. */
export function digitsHash(value: number, length: number): number {
  return hashFinish((value >>> 0) ^ Math.imul((value / 4294967296) >>> 0, 0x9e3779b1) ^ (length << 27));
}

/**
 * The interner. Numbers are assigned in order of first appearance; key bytes are copied in,
 * so the caller's buffer may be reused. Memory: ~16–32 bytes per distinct key, plus its bytes.
 * The same identifier must always reach the same table: use {@link IdInterner.internCell}
 * or classify exactly as it does.
 */
export class IdInterner {
  // Digit keys: slot → number + 1 (0 is empty); digitKeys[number] = value × 16 + length
  // (0 for numbers of byte keys: a digit key is never 0, its length being at least 1).
  // Small to start with, so that growing is a path the reader's warm-up already takes.
  private digitTable = new Int32Array(1 << 9);
  private digitMask = (1 << 9) - 1;
  private digitKeys = new Float64Array(1 << 8);
  private digitCount = 0;

  private table = new Int32Array(1 << 8); // byte key index + 1; 0 is empty
  private mask = (1 << 8) - 1;
  private hashes = new Int32Array(1 << 6);
  private numbers = new Int32Array(1 << 6);
  private offsets = new Int32Array((1 << 6) + 1); // key n is arena[offsets[n], offsets[n + 1])
  private arena = new Uint8Array(1 << 10);
  private count = 0;
  private byteCount = 0;

  /** How many distinct keys were seen. */
  get size(): number {
    return this.count;
  }

  /**
   * The number of `bytes[start, end)`, assigned on first sight.
   * @param hash `hashBytes(bytes, start, end)` (or the same computed inline while scanning)
   */
  intern(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    const table = this.table;
    const mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const entry = table[i] as number;
      if (entry === 0) break;
      const n = entry - 1;
      if (this.hashes[n] === hash) {
        const from = this.offsets[n] as number;
        if ((this.offsets[n + 1] as number) - from === length) {
          const arena = this.arena;
          let k = 0;
          while (k < length && bytes[start + k] === arena[from + k]) k += 1;
          if (k === length) return this.numbers[n] as number;
        }
      }
      i = (i + 1) & mask;
    }
    return this.insert(bytes, start, length, hash, i);
  }

  /**
   * The number of the digit-only identifier with this value and digit count (leading zeros
   * count: '0101' and '101' differ), assigned on first sight. 1 ≤ length ≤ MAX_DIGIT_KEY_LENGTH.
   */
  internDigits(value: number, length: number, hash: number): number {
    const key = value * 16 + length;
    const table = this.digitTable;
    const keys = this.digitKeys;
    const mask = this.digitMask;
    let j = hash & mask;
    for (;;) {
      const entry = table[j] as number;
      if (entry === 0) break;
      if (keys[entry - 1] === key) return entry - 1;
      j = (j + 1) & mask;
    }
    const n = this.count;
    if (n >= keys.length) this.growDigitKeys();
    (this.digitKeys as Float64Array)[n] = key;
    table[j] = n + 1;
    this.count = n + 1;
    this.digitCount += 1;
    if (this.digitCount * 2 > mask + 1) this.rehashDigits();
    return n;
  }

  private growDigitKeys(): void {
    const keys = new Float64Array(this.digitKeys.length * 2);
    keys.set(this.digitKeys);
    this.digitKeys = keys;
  }

  /**
   * The number of the identifier `bytes[start, end)`, whichever table it belongs in: digits
   * only and at most MAX_DIGIT_KEY_LENGTH of them → by value, else by bytes.
   */
  internCell(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length > 0 && length <= MAX_DIGIT_KEY_LENGTH) {
      let value = 0;
      let i = start;
      while (i < end && (bytes[i] as number) - 48 >= 0 && (bytes[i] as number) - 48 <= 9) {
        value = value * 10 + (bytes[i] as number) - 48;
        i += 1;
      }
      if (i === end) return this.internDigits(value, length, digitsHash(value, length));
    }
    return this.intern(bytes, start, end, hashBytes(bytes, start, end));
  }

  private rehashDigits(): void {
    const slots = (this.digitMask + 1) * 2;
    const table = new Int32Array(slots);
    const mask = slots - 1;
    for (let n = 0; n < this.count; n += 1) {
      const key = this.digitKeys[n] as number;
      if (key === 0) continue; // a byte key's number
      const length = key % 16 | 0;
      const value = (key - length) / 16;
      let t = digitsHash(value, length) & mask;
      while (table[t] !== 0) t = (t + 1) & mask;
      table[t] = n + 1;
    }
    this.digitTable = table;
    this.digitMask = mask;
  }

  /** The number of `bytes[start, end)` if it was interned before, else −1; never inserts. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    let i = hash & this.mask;
    for (;;) {
      const entry = this.table[i] as number;
      if (entry === 0) return -1;
      const n = entry - 1;
      const from = this.offsets[n] as number;
      if (this.hashes[n] === hash && (this.offsets[n + 1] as number) - from === length && this.same(bytes, start, from, length)) {
        return this.numbers[n] as number;
      }
      i = (i + 1) & this.mask;
    }
  }

  private same(bytes: Uint8Array, start: number, from: number, length: number): boolean {
    const arena = this.arena;
    for (let k = 0; k < length; k += 1) if (bytes[start + k] !== arena[from + k]) return false;
    return true;
  }

  private insert(bytes: Uint8Array, start: number, length: number, hash: number, slot: number): number {
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
    const n = this.count;
    if (n >= this.digitKeys.length) this.growDigitKeys();
    this.digitKeys[n] = 0;
    this.numbers[k] = n;
    this.table[slot] = k + 1;
    this.byteCount = k + 1;
    this.count = n + 1;
    // Keep the load at most 1/2 so that probes stay short.
    if (this.byteCount * 2 > this.table.length) this.rehash();
    return n;
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

  private rehash(): void {
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
