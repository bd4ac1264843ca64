/** `flere examples`: where the bundled example data is. The work is in `../actions/examples.ts`. */
import type { CommandSpec } from '../command-spec.js';

/** Typed options of `flere examples`. */
export interface ExamplesOptions {
  path?: boolean;
}

/** `flere examples`. */
export const examplesCommand: CommandSpec = {
  name: 'examples',
  summary: "show where the bundled example data is, to run the README's examples anywhere",
  options: [{ long: 'path', description: 'print only the folder, for scripts: cp -r "$(flere examples --path)" data' }],
  example: `
Example:
  $ flere examples
  $ cp -r "$(flere examples --path)" data && flere allocate data/counts-2017.csv`,
  run: async (_, options, ctx) => {
    const { runExamples } = await import('../actions/examples.js');
    await runExamples(options as ExamplesOptions, ctx);
  },
};
