/** Wording for command-line problems (exit 2); each ends by pointing to the right `--help`. */
import type { Diagnostic } from '../../core/diagnostics.js';

const help = (d: Diagnostic): string => {
  const command = d.args?.['command'];
  return command === undefined ? 'see flere --help' : `see flere ${command} --help`;
};

export const usageMessages: Readonly<Record<string, (d: Diagnostic) => string>> = {
  'usage.unknown-command': (d) => {
    const suggestion = d.args?.['suggestion'];
    return `unknown command ${JSON.stringify(d.value ?? '')}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; ${help(d)}`;
  },
  'usage.unknown-option': (d) => {
    const suggestion = d.args?.['suggestion'];
    return `unknown option ${d.value ?? ''}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; ${help(d)}`;
  },
  'usage.missing-option': (d) => `${d.value ?? 'an option'} is required; ${help(d)}`,
  'usage.missing-argument': (d) => `missing argument <${d.value ?? ''}>; ${help(d)}`,
  'usage.extra-argument': (d) => `unexpected argument ${JSON.stringify(d.value ?? '')}; ${help(d)}`,
  'usage.invalid-choice': (d) =>
    `${d.args?.['option'] ?? 'option'}: ${JSON.stringify(d.value ?? '')} is not one of ${d.args?.['choices'] ?? ''}`,
  'usage.invalid-value': (d) => `${d.args?.['option'] ?? 'option'} ${JSON.stringify(d.value ?? '')}: ${d.args?.['reason'] ?? 'invalid value'}`,
  'usage.option-needs-value': (d) => `${d.value ?? 'option'} needs a value ${d.args?.['placeholder'] ?? ''}`.trimEnd(),
  'usage.flag-takes-no-value': (d) => `${d.value ?? 'option'} takes no value`,
  // Any other problem commander finds, in its own words.
  'usage.option': (d) => `${d.value ?? 'the command line is not understood'}; ${help(d)}`,
};
