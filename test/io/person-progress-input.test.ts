import { describe, expect, it } from 'vitest';
import { asCheckProgress, readPersonProgress } from '../../src/io/person-progress-input.js';

const FIXTURE = new URL('../fixtures/persons-small.csv', import.meta.url).pathname;

describe('person files for flere check', () => {
  it('gives the progress in the shape the check evaluates, with first lines and the last month', async () => {
    const result = await readPersonProgress(FIXTURE, { name: 'persons.csv' });
    expect(result.summary).toMatchObject({ rows: 20, persons: 6 });
    const progress = asCheckProgress(result);
    expect(progress.lastMonth).toBe('2017-10');
    expect([...progress.firstLine]).toEqual([
      ['101', 2],
      ['147', 3],
      ['151', 9],
    ]);
    expect(progress.byKommune.get('101')?.get('2017-08')).toEqual({
      target_group: 4n,
      cleared: 2n,
      recipients: 3n,
      company_activity: 2n,
      paid_hours: 1n,
    });
    expect([...(progress.byKommune.get('151')?.keys() ?? [])]).toEqual(['2017-07', '2017-08', '2017-10']);
  });

  it('refuses - with a terminal on standard input', async () => {
    const tty = { isTTY: true } as unknown as NodeJS.ReadableStream & { isTTY: boolean };
    await expect(readPersonProgress('-', { name: '<stdin>', stdin: tty })).rejects.toMatchObject({ kind: 'usage' });
  });
});
