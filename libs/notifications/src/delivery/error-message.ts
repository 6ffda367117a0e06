/**
 * A failure's message with its cause's (fetch says only "fetch failed"; the cause says ECONNREFUSED). Duck-typed:
 * errors from Node's own realm are not `instanceof Error` under jest's VM.
 */
export function errorMessage(failure: unknown): string {
  const message = (value: unknown): string | null =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
      ? (value as { message: string }).message
      : null;
  const own = message(failure) ?? String(failure);
  const cause = message((failure as { cause?: unknown } | null)?.cause);
  return cause ? `${own}: ${cause}` : own;
}
