// Every header flere writes into a file that one of its readers reads back is a name of the
// reader's column in the one vocabulary, in every language (`--lang en|da`); and both
// languages hold every word (the type already says so; this keeps the texts non-empty).
import { describe, expect, it } from 'vitest';
import { normalizeColumnName } from '../../../src/io/columns.js';
import { HEADER_WORDS, type HeaderConcept, trancheColumnNumber } from '../../../src/io/header-vocabulary.js';
import { LANGS, NO_WORDS, type WordKey, wordsFor, YES_WORDS } from '../../../src/io/render/words.js';

/** Header word → the concepts its column is read under (allocations, ledgers, progress files). */
const READ_BACK: Readonly<Partial<Record<WordKey, readonly HeaderConcept[]>>> = {
  'col.id': ['id', 'kommuneCode'],
  'col.name': ['name', 'kommune', 'kommuneName'],
  'col.count': ['count'],
  'col.amount': ['amount'],
  'col.applied': ['applied'],
  'col.pool': ['pool'],
  'col.ledger-kommune': ['kommune', 'kommuneCode'],
  'col.ledger-name': ['name', 'kommune', 'kommuneName'],
  'col.tranche': ['tranche'],
  'col.month-due': ['monthDue'],
  'col.recorded-at': ['recordedAt'],
  'col.progress-kommune': ['kommune', 'kommuneCode'],
  'col.month': ['month'],
  'col.target-group': ['targetGroup'],
  'col.cleared': ['cleared'],
  'col.recipients': ['recipients'],
  'col.company-activity': ['companyActivity'],
  'col.paid-hours': ['paidHours'],
};

describe.each(LANGS)('the words of %s', (lang) => {
  const w = wordsFor(lang);

  it.each(Object.entries(READ_BACK))('%s is a name its reader knows', (key, concepts) => {
    const names = (concepts ?? []).flatMap((c) => HEADER_WORDS[c].map(normalizeColumnName));
    expect(names).toContain(normalizeColumnName(w(key as WordKey)));
  });

  it('names the tranche columns of an allocation so that the reader finds their numbers', () => {
    for (const n of [1, 2, 3, 12]) expect(trancheColumnNumber(w('col.tranche-n', { n }))).toBe(n);
  });

  it('fills placeholders and keeps a text without any', () => {
    expect(w('table.tranche', { n: 2, share: '40' })).toMatch(/^(tranche|rate) 2 \(40 %\)$/);
    expect(w('total')).not.toBe('');
  });
});

describe('yes and no', () => {
  it('are the words every reader of flere\'s output takes, in both languages', () => {
    expect(YES_WORDS).toEqual(['yes', 'ja']);
    expect(NO_WORDS).toEqual(['no', 'nej']);
  });
});
