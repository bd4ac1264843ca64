/**
 * Reading a JSON document that flere itself writes (an allocation, a check result): the
 * parse, the root object and its `version`, and shape problems named by their JSON path,
 * collected so that every one is reported at once. Each document family has its own codes
 * (`allocation.json-syntax`, `allocation.json-shape`, …), worded at the edge.
 */
import { type Fixed, parseFixed } from '../core/decimal.js';
import { type Diagnostic, DiagnosticBag, FlereError } from '../core/diagnostics.js';
import { type JsonTextProblem, parseJsonText } from './json-text.js';

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
 * The diagnostic for a JSON text problem of a document family: `<family>.json-syntax` (value
 * the parser's message, with its line when known) or `<family>.json-duplicate-key` (value
 * the key's JSON path, at its second line).
 */
export function jsonTextDiagnostic(problem: JsonTextProblem, family: string, file: string): Diagnostic {
  if (problem.kind === 'duplicate-key') return { code: `${family}.json-duplicate-key`, file, line: problem.line, value: problem.path };
  return { code: `${family}.json-syntax`, file, ...(problem.line === undefined ? {} : { line: problem.line }), value: problem.message };
}

/**
 * What a text that JSON.parse refused is instead, when it is plainly another kind of file
 * (a workbook's zip archive, a table of delimited text); undefined for broken JSON.
 */
function otherKindOfFile(text: string): string | undefined {
  const body = text.replace(/^\ufeff/, '').trimStart();
  if (body.startsWith('PK\u0003\u0004')) return 'an Excel workbook (.xlsx)';
  if (body.startsWith('{') || body.startsWith('[')) return undefined;
  const firstLine = body.slice(0, body.search(/\r|\n|$/));
  return /[;,\t]/.test(firstLine) ? 'a table of delimited text (CSV)' : undefined;
}

/**
 * Parses `text` and checks its root. Throws FlereError (data) at once with
 * `<family>.json-other-file` (args `found`, `expected`) for a workbook or a CSV table,
 * `<family>.json-syntax` (value = the parser's message) for other text that is not JSON,
 * `<family>.json-duplicate-key` for a key given twice in one object, and with
 * `<family>.json-shape` at `(root)` for a root that is no object; records a shape problem at
 * `version` unless it is 1.
 */
export function readJsonDocument(text: string, options: JsonDocumentOptions): JsonDocument {
  const { file, family } = options;
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    // A workbook or a CSV table given where JSON belongs: say so, and what belongs there,
    // rather than quote a parser's complaint about the bytes `PK\u0003\u0004`.
    const found = parsed.problem.kind === 'syntax' ? otherKindOfFile(text) : undefined;
    if (found !== undefined) throw new FlereError('data', [{ code: `${family}.json-other-file`, file, args: { found, expected: options.root } }]);
    throw new FlereError('data', [jsonTextDiagnostic(parsed.problem, family, file)]);
  }
  const data = parsed.value;
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
