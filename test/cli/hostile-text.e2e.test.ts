/**
 * Text from files and options is shown, never obeyed: an escape sequence in a pool file's
 * name or a `--key` column reaches a table as a visible escape, not as a command to the
 * terminal; a pool file with a key given twice is refused rather than silently read.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { scratchDir } from '../helpers/scratch.js';

const { dir, file } = scratchDir('flere-hostile-text-');
const CLEAR = '\u001b[2J\u001b]0;owned\u0007';
const template = runCli(['pools', 'flere-skal-med-1', '--format', 'json']).stdout;
const pool = JSON.parse(template) as Record<string, unknown>;
const HOSTILE_POOL = file('hostile-pool.json', JSON.stringify({ ...pool, id: 'hostile', name: `Pulje${CLEAR}`, source: `kilde${CLEAR}` }, null, 2));
const ALLOCATION = join(dir, 'allocation.json');
runCli(['allocate', 'data/counts-2017.csv', '--applicants', 'data/applicants-2017.csv', '--pool', HOSTILE_POOL, '--format', 'json', '-o', ALLOCATION]);

/** No control character except the line feed: nothing a terminal would obey. */
const expectInert = (text: string) => expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);

describe('escape sequences in pool names and --key', () => {
  it('the check table shows the pool name with its escapes made visible', () => {
    const r = runCli(['check', 'data/progress-2017.csv', '--allocation', ALLOCATION, '--pool', HOSTILE_POOL, '--format', 'table']);
    expect(r.code).toBe(0);
    expectInert(r.stdout);
    expect(r.stdout).toContain('Pulje\\u001b[2J\\u001b]0;owned\\u0007: tranches as of');
  });

  it('the followup table shows a --key column name with its escapes made visible', () => {
    // (A BEL in a CSV file makes it binary to the reader: only the escape sequence here.)
    const to = file('to.csv', 'kommune,"w\u001b[2J"\nLemvig,1\nStruer,2\n');
    const r = runCli(['followup', ALLOCATION, '--to', to, '--key', 'w\u001b[2J', '--pool', HOSTILE_POOL, '--format', 'table']);
    expect(r.code).toBe(0);
    expectInert(r.stdout);
    expect(r.stdout).toContain('by «w\\u001b[2J');
  });

  it('flere pools shows a pool file\'s name and source inert', () => {
    const r = runCli(['pools', HOSTILE_POOL]);
    expect(r.code).toBe(0);
    expectInert(r.stdout);
    expect(r.stdout).toContain('hostile: Pulje\\u001b[2J');
  });
});

describe('a key given twice in a pool file', () => {
  it('is a data error naming the key and its line, not a silent last-one-wins', () => {
    const lines = template.split('\n');
    // The first tranche's share appears a second time, right after the first.
    const at = lines.findIndex((l) => l.includes('"share": "30"'));
    const twice = [...lines.slice(0, at + 1), '      "share": "50",', ...lines.slice(at + 1)].join('\n');
    const r = runCli(['pools', file('twice.json', twice)]);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(`flere: ${join(dir, 'twice.json')}:${at + 2}: tranches[0].share is given twice; JSON would silently keep the last: keep one\n`);
  });
});
