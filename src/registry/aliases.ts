/**
 * Names a kommune goes by besides its official one, for the cases that spelling
 * normalisation (`normalizeName`) and the genitive s do not already cover.
 */

/**
 * Alias → official code. Only names that denote the whole kommune and nothing else:
 * former official names of the same kommune, and the short name of its main town where
 * that is how people name the kommune. Old kommuner merged in 2007 are deliberately absent
 * ('Hals' is a part of Aalborg, not Aalborg). No alias may normalise to another kommune's
 * name; a test holds this.
 */
export const KOMMUNE_ALIASES: Readonly<Record<string, string>> = {
  // Renamed kommuner, same entity.
  'Frederiksværk-Hundested': '260', // Halsnæs until 2008
  'Brønderslev-Dronninglund': '810', // Brønderslev until 2011
  // Short names in everyday and administrative use.
  Lyngby: '173',
  'Kongens Lyngby': '173',
  'Kgs. Lyngby': '173',
  Taastrup: '169',
  Kbh: '101',
};
