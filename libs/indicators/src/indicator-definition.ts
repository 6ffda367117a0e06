/** What an indicator is, for people: served by the API beside its numbers. */
export interface IndicatorDefinition {
  id: string;
  nameVi: string;
  nameEn: string;
  /** Which date places a dossier or procedure in a period. */
  anchor: 'receipt' | 'resolution' | 'closure' | 'payment' | 'return' | 'period_start' | 'period_end' | 'now';
  /** What `value` is: a share in [0, 1], percentage points, or a count. */
  unit: 'share' | 'percentage_points' | 'count';
  /**
   * flow: counted over the period, grows as dossiers arrive (a running period can be projected);
   * stock: a state on one day (end of period, or now).
   */
  measure: 'flow' | 'stock';
  /** Query options the indicator understands, beside period and scope. */
  options: readonly ('level' | 'denominator' | 'postal' | 'of')[];
  description: string;
}
