/** What an indicator is, for people: served by the API beside its numbers. */
export interface IndicatorDefinition {
  id: string;
  nameVi: string;
  nameEn: string;
  /** Which date places a dossier or procedure in a period. */
  anchor: 'receipt' | 'resolution' | 'payment' | 'return' | 'period_end' | 'now';
  description: string;
}
