/**
 * Lower case without accents, as `samspill_unaccent` folds Latin text
 * (å → a, é → e), with æ → ae and ø → o, which Unicode does not decompose.
 * Search words, tag words, overlap words and download file names are all
 * folded here, so a word folded in one place matches it folded in another.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o");
}
