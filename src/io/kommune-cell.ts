/**
 * One cell that names a kommune (by code or by name, in any of the usual spellings), as the
 * check command's readers need it: the kommune, or a diagnostic with suggestions.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { Kommune } from '../registry/kommuner.js';
import { resolveKommune } from '../registry/match.js';

/**
 * The kommune a cell names, or the problem (`kommune.empty`, `kommune.unknown`) at `file:line`.
 * `mojibake` (see `looksLikeMojibake`) adds a hint to try `--encoding` to an unknown kommune.
 */
export function kommuneFromCell(
  text: string,
  at: { readonly file: string; readonly line: number; readonly column: string },
  mojibake = false,
): { ok: true; kommune: Kommune } | { ok: false; diagnostic: Diagnostic } {
  const value = text.trim();
  if (value === '') return { ok: false, diagnostic: { code: 'kommune.empty', ...at } };
  const match = resolveKommune(value);
  if (match.ok) return { ok: true, kommune: match.kommune };
  const suggestions = match.suggestions.map((k) => `${k.name} (${k.code})`).join(', ');
  return {
    ok: false,
    diagnostic: {
      code: 'kommune.unknown',
      ...at,
      value,
      args: { ...(suggestions ? { suggestions } : {}), ...(mojibake ? { hint: 'encoding' } : {}) },
    },
  };
}
