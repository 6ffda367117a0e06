/**
 * One spelling per agency or procedure code, wherever it comes from (events, spreadsheets, URLs): Unicode-
 * normalised (full-width digits and dots typed in Vietnamese input methods become ASCII), no spaces, upper
 * case, and the commas or middle dots some spreadsheets carry read as dots.
 */
export function normaliseCode(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').replace(/[,·]/g, '.').toUpperCase();
}
