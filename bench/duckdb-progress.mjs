/**
 * The DuckDB baseline of the progress case: the same aggregation as `flere progress` (target
 * groups fixed at the reference month, leavers dropped: the default), in SQL, over the same
 * file, written as CSV with the same columns.
 * Usage: node bench/duckdb-progress.mjs DUCKDB_DIR PERSONS OUT REFERENCE_MONTH
 * DUCKDB_DIR is the folder where `@duckdb/node-api` was installed (bench/.duckdb).
 * Prints the in-process query time in milliseconds on stdout.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [dir, input, output, reference] = process.argv.slice(2);
if (!/^\d{4}-\d{2}$/.test(reference ?? '')) throw new Error('usage: duckdb-progress.mjs DUCKDB_DIR PERSONS OUT YYYY-MM');
const started = performance.now();
const require = createRequire(join(resolve(dir), 'package.json'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));

const quote = (s) => `'${s.replace(/'/g, "''")}'`;
// The README's rule: a kommune's target group is its recipients in the reference month. In
// each month from then on, a member counts when cleared by then (first cleared=1 row, any
// kommune) or, if not, when its row that month is in the kommune; paid_hours counts the
// members counted with paid hours that month. recipients and company_activity count the
// kommune's rows that month, members or not. Months before the reference month: 0.
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
           count(*) FILTER (WHERE recipient = 1 AND company = 1) AS company_activity
    FROM p GROUP BY kommune, month
  ),
  members AS (SELECT person, kommune AS home FROM p WHERE month = ${quote(reference)} AND recipient = 1),
  fc AS (SELECT person, min(month) AS first_cleared FROM p WHERE cleared = 1 GROUP BY person),
  months AS (SELECT DISTINCT month FROM p WHERE month >= ${quote(reference)}),
  mm AS (
    SELECT m.home AS kommune, mo.month,
           coalesce(fc.first_cleared <= mo.month, false) AS is_cleared,
           coalesce(x.kommune = m.home, false) AS here,
           coalesce(x.paid_hours, 0) AS paid
    FROM members m CROSS JOIN months mo
    LEFT JOIN fc ON fc.person = m.person
    LEFT JOIN p x ON x.person = m.person AND x.month = mo.month
  ),
  g AS (
    SELECT kommune, month,
           count(*) FILTER (WHERE is_cleared OR here) AS target_group,
           count(*) FILTER (WHERE is_cleared) AS cleared,
           count(*) FILTER (WHERE (is_cleared OR here) AND paid = 1) AS paid_hours
    FROM mm GROUP BY kommune, month
  )
  SELECT km.kommune, km.month, coalesce(g.target_group, 0) AS target_group, coalesce(g.cleared, 0) AS cleared,
         km.recipients, km.company_activity, coalesce(g.paid_hours, 0) AS paid_hours
  FROM km LEFT JOIN g USING (kommune, month)
  ORDER BY km.kommune, km.month
) TO ${quote(output)} (HEADER, DELIMITER ',');`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const queryStarted = performance.now();
await connection.run(sql);
const queryMs = performance.now() - queryStarted;
connection.closeSync?.();
process.stdout.write(`${JSON.stringify({ queryMs, totalMs: performance.now() - started })}\n`);
