import { describe, expect, it } from 'vitest';
import { asCheckProgress, readPersonProgress } from '../../src/io/person-progress-input.js';

const FIXTURE = new URL('../fixtures/persons-small.csv', import.meta.url).pathname;
const rule = { referenceMonth: '2017-07', leavers: 'drop' } as const;

describe('person files for flere check', () => {
  it('gives the progress in the shape the check evaluates, with first lines and the last month', async () => {
    const result = await readPersonProgress(FIXTURE, { name: 'persons.csv', rule });
    expect(result.summary).toMatchObject({ rows: 20, persons: 6 });
    const progress = asCheckProgress(result);
    expect(progress.lastMonth).toBe('2017-10');
    expect([...progress.firstLine]).toEqual([
      ['101', 2],
      ['147', 3],
      ['151', 9],
    ]);
    expect(progress.byKommune.get('101')?.get('2017-08')).toEqual({
      target_group: 2n,
      cleared: 2n,
      recipients: 3n,
      company_activity: 2n,
      paid_hours: 0n,
    });
    expect([...(progress.byKommune.get('151')?.keys() ?? [])]).toEqual(['2017-07', '2017-08', '2017-10']);
  });

  it('refuses a file with no row in the reference month, naming the months it has', async () => {
    await expect(readPersonProgress(FIXTURE, { name: 'persons.csv', rule: { ...rule, referenceMonth: '2017-06' } })).rejects.toMatchObject({
      kind: 'data',
      diagnostics: [{ code: 'persons.no-reference-month', file: 'persons.csv', value: '2017-06', args: { first: '2017-07', last: '2017-10' } }],
    });
    // A reference month with rows, none of them a recipient in 147: 147's group is empty.
    const result = await readPersonProgress(FIXTURE, { name: 'persons.csv', rule: { ...rule, referenceMonth: '2017-10' } });
    expect(result.rows.find((r) => r.month === '2017-10' && r.kommune === '147')?.target_group).toBe(0);
  });

  it('refuses - with a terminal on standard input', async () => {
    const tty = { isTTY: true } as unknown as NodeJS.ReadableStream & { isTTY: boolean };
    await expect(readPersonProgress('-', { name: '<stdin>', rule, stdin: tty })).rejects.toMatchObject({ kind: 'usage' });
  });
});
