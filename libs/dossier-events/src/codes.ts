/** ASCII digits, capitals, dots, dashes and underscores only: what normalising would leave unchanged. */
const ALREADY_NORMAL = /^[0-9A-Z._-]*$/;

/**
 * One spelling per agency or procedure code, wherever it comes from (events, spreadsheets, URLs): Unicode-
 * normalised (full-width digits and dots typed in Vietnamese input methods become ASCII), no spaces, upper
 * case, and the commas or middle dots some spreadsheets carry read as dots.
 */
export function normaliseCode(raw: string): string {
  // Most codes arrive spelled so already, and ingestion normalises three per event: skip the work for them.
  if (ALREADY_NORMAL.test(raw)) return raw;
  return raw.normalize('NFKC').replace(/\s+/g, '').replace(/[,·]/g, '.').toUpperCase();
}
