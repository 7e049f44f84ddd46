/**
 * The form every name is compared in: upper case, accents dropped (NUÑEZ = NUNEZ), apostrophes
 * dropped (O'BRIEN = OBRIEN), other punctuation a space (JEAN-BAPTISTE = JEAN BAPTISTE), spaces
 * collapsed. Names on file and searched names go through this same function.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/['’`]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}
