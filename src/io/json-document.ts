/**
 * Reading a JSON document that flere itself writes (an allocation, a check result): the
 * parse, the root object and its `version`, and shape problems named by their JSON path,
 * collected so that every one is reported at once. Each document family has its own codes
 * (`allocation.json-syntax`, `allocation.json-shape`, …), worded at the edge.
 */
import { type Fixed, parseFixed } from '../core/decimal.js';
import { DiagnosticBag, FlereError } from '../core/diagnostics.js';

/** Which document is read, for its diagnostics. */
export interface JsonDocumentOptions {
  /** The file's name in diagnostics. */
  readonly file: string;
  /** The code family: `allocation` gives `allocation.json-syntax` and `allocation.json-shape`. */
  readonly family: string;
  /** What the root should be, for the message when it is no object. */
  readonly root: string;
}

/** A parsed document whose shape is being checked. */
export interface JsonDocument {
  /** The root object's members. */
  readonly root: Readonly<Record<string, unknown>>;
  /** The shape problems so far; the reader adds its own and throws them with `throwIfAny('data')`. */
  readonly bag: DiagnosticBag;
  /** Records that the value at `path` (`allocations[3].amount`) is not `expected` (`an array`). */
  shape(path: string, expected: string): void;
  /** The array at root member `key`; when it is none, throws every problem so far with that one. */
  array(key: string): readonly unknown[];
  /**
   * `value` as a decimal in kroner, exact, when it is a non-negative decimal string
   * (`"1234"`, `"1234.50"`); otherwise records a shape problem at `path` and gives undefined.
   */
  decimal(value: unknown, path: string, expected: string): Fixed | undefined;
}

/**
 * Parses `text` and checks its root. Throws FlereError (data) at once with
 * `<family>.json-syntax` (value = the parser's message) for text that is not JSON, and with
 * `<family>.json-shape` at `(root)` for a root that is no object; records a shape problem at
 * `version` unless it is 1.
 */
export function readJsonDocument(text: string, options: JsonDocumentOptions): JsonDocument {
  const { file, family } = options;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FlereError('data', [
      { code: `${family}.json-syntax`, file, value: error instanceof Error ? error.message : String(error) },
    ]);
  }
  const bag = new DiagnosticBag();
  const shape = (path: string, expected: string): void => {
    bag.add({ code: `${family}.json-shape`, file, value: path, args: { expected } });
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    shape('(root)', options.root);
    bag.throwIfAny('data');
  }
  const root = data as Record<string, unknown>;
  if (root['version'] !== 1) shape('version', 'version 1');
  return {
    root,
    bag,
    shape,
    array(key) {
      const items = root[key];
      if (Array.isArray(items)) return items;
      shape(key, 'an array');
      bag.throwIfAny('data');
      return []; // Not reached: the bag holds at least the problem just added.
    },
    decimal(value, path, expected) {
      const f = typeof value === 'string' ? parseFixed(value) : undefined;
      if (f !== undefined && f.digits >= 0n) return f;
      shape(path, expected);
      return undefined;
    },
  };
}
