/**
 * `--pool NAME|FILE`: a preset by its id, or a JSON file validated with zod. The validator
 * is imported only when a file is loaded, so naming a preset costs no zod start-up time.
 */
import { readFile } from 'node:fs/promises';
import { type Diagnostic, FlereError, ioError, usageError } from '../core/diagnostics.js';
import { errorCode } from '../io/errno.js';
import { jsonTextDiagnostic } from '../io/json-document.js';
import { parseJsonText } from '../io/json-text.js';
import type { PoolDefinition } from './pool.js';
import { DEFAULT_POOL, PRESETS, presetById } from './presets.js';

/**
 * The pool named by `nameOrFile` (default: `flere-skal-med-1`). A preset id wins over a
 * file of the same name. Throws FlereError: usage `pool.unknown` for a name that is neither
 * a preset nor an existing file; io `io.not-found` / `io.read` for a file path that cannot
 * be read; data `pool.json-syntax` (with the line), `pool.json-duplicate-key` and
 * `pool.invalid` (one per problem,
 * `value` the JSON path, `args.message` what is wrong) for a bad file.
 */
export async function loadPool(nameOrFile: string | undefined): Promise<PoolDefinition> {
  if (nameOrFile === undefined) return DEFAULT_POOL;
  const preset = presetById(nameOrFile);
  if (preset) return preset;
  let text: string;
  try {
    text = await readFile(nameOrFile, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' && !/[/\\]|\.json$/i.test(nameOrFile)) {
      throw usageError({ code: 'pool.unknown', value: nameOrFile, args: { presets: PRESETS.map((p) => p.id).join(', ') } });
    }
    if (code === 'ENOENT') throw ioError({ code: 'io.not-found', file: nameOrFile });
    if (code === 'EISDIR') throw ioError({ code: 'io.is-directory', file: nameOrFile });
    throw ioError({ code: 'io.read', file: nameOrFile, value: code });
  }
  return parsePoolJson(text, nameOrFile);
}

/** Parses and validates a pool file's text; `file` names it in diagnostics. */
export async function parsePoolJson(text: string, file: string): Promise<PoolDefinition> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new FlereError('data', [jsonTextDiagnostic(parsed.problem, 'pool', file)]);
  const data = parsed.value;
  const { validatePool } = await import('./pool-schema.js');
  const result = validatePool(data);
  if (result.ok) return result.pool;
  const diagnostics: Diagnostic[] = result.problems.map((p) => ({
    code: 'pool.invalid',
    file,
    value: p.path,
    args: { message: p.message },
  }));
  throw new FlereError('data', diagnostics);
}
