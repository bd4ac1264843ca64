/** The check renderers, keyed by format; `flere check --format` offers exactly these keys. */
import { renderCheckCsv } from './check-csv.js';
import { renderCheckJson } from './check-json.js';
import type { CheckRenderer } from './check-model.js';
import { renderCheckTable } from './check-table.js';
import type { Format } from './formats.js';

/** table, csv, json. */
export const checkRenderers = {
  table: renderCheckTable,
  csv: renderCheckCsv,
  json: renderCheckJson,
} satisfies Record<Format, CheckRenderer>;
