/** Pieces every wording module uses to show a diagnostic's parts. */
import type { Diagnostic } from '../../core/diagnostics.js';

/** The diagnostic's value in JSON quotes (`"12,5"`), so that spaces and emptiness show. */
export const quoted = (d: Diagnostic): string => JSON.stringify(d.value ?? '');

/** The argument `key` as text, `?` when it is missing (a wording bug shows, never crashes). */
export const arg = (d: Diagnostic, key: string): string => String(d.args?.[key] ?? '?');
