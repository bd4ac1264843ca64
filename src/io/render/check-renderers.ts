/** The check renderers, keyed by format; `flere check --format` offers exactly these keys. */
import { renderCheckCsv, renderCheckXlsx } from './check-tables.js';
import { renderCheckJson } from './check-json.js';
import type { CheckRenderer } from './check-model.js';
import { renderCheckTable } from './check-table.js';
import type { Format } from './formats.js';

/** table, csv, tsv, json, xlsx. */
export const checkRenderers = {
  table: renderCheckTable,
  csv: renderCheckCsv,
  tsv: renderCheckCsv,
  json: renderCheckJson,
  xlsx: renderCheckXlsx,
} satisfies Record<Format, CheckRenderer>;
