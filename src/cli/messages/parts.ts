/** Pieces every wording module uses to show a diagnostic's parts. */
import type { Diagnostic } from '../../core/diagnostics.js';

/** The diagnostic's value in JSON quotes (`"12,5"`), so that spaces and emptiness show. */
export const quoted = (d: Diagnostic): string => JSON.stringify(d.value ?? '');

/** `column «name»: ` when the diagnostic names a column, else nothing. */
export const col = (d: Diagnostic): string => (d.column ? `column «${d.column}»: ` : '');

/** The argument `key` as text, `?` when it is missing (a wording bug shows, never crashes). */
export const arg = (d: Diagnostic, key: string): string => String(d.args?.[key] ?? '?');
