/**
 * Reads data/kommuner.csv, the official list the registry must match. Test-only: the
 * registry itself never reads files. The file has no quoted fields, so a split suffices;
 * any deviation from the expected shape throws.
 */
import { readFileSync } from 'node:fs';

/** One row of data/kommuner.csv, as written. */
export interface OfficialRow {
  readonly code: string;
  readonly name: string;
  readonly region: string;
}

/** The rows of data/kommuner.csv in file order (header checked and dropped). */
export function readOfficialList(): OfficialRow[] {
  const text = readFileSync(new URL('../../data/kommuner.csv', import.meta.url), 'utf8');
  const [header, ...lines] = text.replace(/\n$/, '').split('\n');
  if (header !== 'code,name,region') throw new Error(`unexpected header: ${header}`);
  return lines.map((line, i) => {
    const fields = line.split(',');
    const [code, name, region] = fields;
    if (fields.length !== 3 || code === undefined || name === undefined || region === undefined) {
      throw new Error(`kommuner.csv line ${i + 2}: expected 3 fields: ${line}`);
    }
    return { code, name, region };
  });
}
