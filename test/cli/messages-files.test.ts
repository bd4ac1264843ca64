// Wording of the file-safety problems (issue 11): every code is worded even without fields,
// and every variant of "ledger locked" names the lock file and says what to do.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/cli/messages.js';
import { fileMessages } from '../../src/cli/messages/files.js';

describe('file messages', () => {
  it('word every code, also with no fields, never printing "undefined"', () => {
    for (const code of Object.keys(fileMessages)) {
      const text = formatDiagnostic({ code });
      expect(text, code).not.toMatch(/undefined|^\w+\.[\w-]+$/);
    }
  });

  it('ledger locked: the lock file is named, with what to do, for every reason', () => {
    const lock = '/srv/flere/payouts.csv.lock';
    const variants: Record<string, string | number>[] = [
      { pid: 4242, host: 'cron1', since: '2024-05-02T06:00:00.000Z', where: 'this-host' },
      { pid: 4242, host: 'cron2', since: '2024-05-02T06:00:00.000Z', where: 'other-host' },
      { unreadable: 'content', staleAfterMinutes: 10 },
      { unreadable: 'EACCES', staleAfterMinutes: 10 },
    ];
    for (const args of variants) {
      const text = formatDiagnostic({ code: 'ledger.locked', file: 'payouts.csv', value: lock, args });
      expect(text, JSON.stringify(args)).toMatch(/^payouts\.csv: ledger locked/);
      expect(text, JSON.stringify(args)).toContain(`remove ${lock}`);
    }
    expect(formatDiagnostic({ code: 'ledger.locked', value: lock, args: variants[1]! })).toContain('never removed automatically');
    expect(formatDiagnostic({ code: 'ledger.locked', value: lock, args: variants[2]! })).toContain('10 minutes');
  });

  it('a report lost after recording says how many tranches, in which ledger, recorded when', () => {
    expect(formatDiagnostic({ code: 'check.recorded-not-reported', file: 'payouts.csv', value: '96', args: { recordedAt: '2024-05-02T06:00:00.000Z' } })).toBe(
      'payouts.csv: 96 tranches were recorded in this ledger (recorded_at 2024-05-02T06:00:00.000Z), but the report was not written (see above); run flere check again without --record to see them, now as paid',
    );
  });
});
