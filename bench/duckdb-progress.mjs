/**
 * The DuckDB baseline of the progress case: the same aggregation as `flere progress`, in SQL,
 * over the same file, written as CSV with the same columns.
 * Usage: node bench/duckdb-progress.mjs DUCKDB_DIR PERSONS OUT
 * DUCKDB_DIR is the folder where `@duckdb/node-api` was installed (bench/.duckdb).
 * Prints the in-process query time in milliseconds on stdout.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [dir, input, output] = process.argv.slice(2);
const started = performance.now();
const require = createRequire(join(resolve(dir), 'package.json'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));

const quote = (s) => `'${s.replace(/'/g, "''")}'`;
// cleared: each person counts in the kommune of the row where the person is first cleared,
// from that month on; the target group counts every kommune where a person appears.
const sql = `
COPY (
  WITH p AS (
    SELECT * FROM read_csv(${quote(input)}, header = true, delim = ',',
      columns = {'person': 'VARCHAR', 'kommune': 'INTEGER', 'month': 'VARCHAR', 'recipient': 'INTEGER',
                 'cleared': 'INTEGER', 'company': 'INTEGER', 'paid_hours': 'INTEGER'})
  ),
  km AS (
    SELECT kommune, month,
           count(*) FILTER (WHERE recipient = 1) AS recipients,
           count(*) FILTER (WHERE recipient = 1 AND company = 1) AS company_activity,
           count(*) FILTER (WHERE paid_hours = 1) AS paid_hours
    FROM p GROUP BY kommune, month
  ),
  tg AS (SELECT kommune, count(DISTINCT person) AS target_group FROM p GROUP BY kommune),
  fc AS (
    SELECT min(month) AS month, arg_min(kommune, month) AS kommune
    FROM p WHERE cleared = 1 GROUP BY person
  ),
  fcc AS (SELECT kommune, month, count(*) AS n FROM fc GROUP BY kommune, month)
  SELECT km.kommune, km.month, tg.target_group,
         sum(coalesce(fcc.n, 0)) OVER (PARTITION BY km.kommune ORDER BY km.month
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cleared,
         km.recipients, km.company_activity, km.paid_hours
  FROM km JOIN tg USING (kommune) LEFT JOIN fcc USING (kommune, month)
  ORDER BY km.kommune, km.month
) TO ${quote(output)} (HEADER, DELIMITER ',');`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const queryStarted = performance.now();
await connection.run(sql);
const queryMs = performance.now() - queryStarted;
connection.closeSync?.();
process.stdout.write(`${JSON.stringify({ queryMs, totalMs: performance.now() - started })}\n`);
