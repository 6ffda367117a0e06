/** The figures every indicator returns: officials check the counts, not only the share. */
export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator in [0, 1]; null when there is nothing to divide by. */
  value: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError(`counts must be non-negative integers, got ${numerator}/${denominator}`);
  }
  if (numerator > denominator)
    throw new RangeError(`numerator ${numerator} exceeds denominator ${denominator}`);
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}
