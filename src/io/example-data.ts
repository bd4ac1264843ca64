/**
 * Where the bundled example data is: the `data/` folder of the installed package (or of the
 * checkout), found from this module's own location by walking up to flere's package.json,
 * so the answer is the same from the bundle (`dist/`) and from the sources (`src/io/`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The example files, with what each holds; all are illustrative except the registry. */
export const EXAMPLE_FILES: readonly { readonly name: string; readonly about: string }[] = [
  { name: 'counts-2017.csv', about: 'long-term recipients per kommune, 98 kommuner (illustrative)' },
  { name: 'counts-2017.xlsx', about: 'the same counts as a workbook saved by a spreadsheet: a title row, Danish headers, a notes sheet' },
  { name: 'applicants-2017.csv', about: 'the 89 kommuner that applied (illustrative)' },
  { name: 'progress-2017.csv', about: 'monthly progress of the 89 applicants (illustrative)' },
  { name: 'followup-2017.csv', about: 'the six recipients of the December 2017 follow-up pool, with weights' },
  { name: 'persons-example.csv', about: "four persons over three months: flere progress's worked example (fake identifiers)" },
  { name: 'kommuner.csv', about: 'the official list of the 98 kommuner, codes and regions' },
];

/** The absolute path of the package's `data/` folder; throws if the package has none (a bug). */
export function exampleDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'flere') {
      return join(dir, 'data');
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('flere: the package folder with data/ was not found');
    dir = parent;
  }
}
