/** `flere examples`: the folder of the bundled example data and what each file holds. */
import { EXAMPLE_FILES, exampleDataDir } from '../../io/example-data.js';
import { writeOutput } from '../../io/output.js';
import type { ExamplesOptions } from '../commands/examples.js';
import type { CliContext } from '../context.js';

/** Prints the folder (with `--path`, nothing else) or the folder and its files described. */
export async function runExamples(options: ExamplesOptions, ctx: CliContext): Promise<void> {
  const dir = exampleDataDir();
  if (options.path === true) return writeOutput(`${dir}\n`, undefined, ctx.stdout);
  const width = Math.max(...EXAMPLE_FILES.map((f) => f.name.length));
  const lines = [
    `The bundled example data is in ${dir}`,
    ...EXAMPLE_FILES.map((f) => `  ${f.name.padEnd(width)}  ${f.about}`),
    '',
    "The README's examples name these files as data/…: copy the folder where you work, then run them there:",
    `  cp -r "${dir}" data`,
  ];
  await writeOutput(`${lines.join('\n')}\n`, undefined, ctx.stdout);
}
