/**
 * Matching keys for free-text names. Two names that an analyst would call "the same
 * spelling" (case, spacing, hyphens, accents, Unicode form, å/aa, æ/ae, ø/oe) get the same
 * key; the key is for comparing, never for display.
 */

// Danish letters with their official two-letter spellings (retskrivningsordbogen allows
// aa for å in names: Aarhus, Aabenraa). ö and ä are how Swedish and German keyboards
// write ø and æ. Applied after NFC, so decomposed input (a + U+030A) is caught too.
const LETTER_PAIRS: Readonly<Record<string, string>> = {
  å: 'aa',
  æ: 'ae',
  ø: 'oe',
  ö: 'oe',
  ä: 'ae',
};

/**
 * The matching key of a name: lower case, ASCII `[a-z0-9]` only, å→aa, æ→ae, ø→oe (ö, ä
 * alike), other accents dropped (é→e), every space, hyphen and punctuation mark removed.
 * NFC, NFD and compatibility forms (NBSP, full-width letters) give the same key.
 * Idempotent; may be '' (e.g. for '  -  ').
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFC') // lower-casing can leave combining marks apart (İ → i + U+0307)
    .replace(/[åæøöä]/g, (ch) => LETTER_PAIRS[ch] ?? ch)
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A looser key over `normalizeName` keys, for input typed on a keyboard without Danish
 * letters, where å and ø lose their mark ('Arhus', 'Kobenhavn'): aa→a and oe→o.
 * æ is left as 'ae', the spelling such input nearly always uses.
 */
export function looseKey(key: string): string {
  return key.replace(/aa/g, 'a').replace(/oe/g, 'o');
}
