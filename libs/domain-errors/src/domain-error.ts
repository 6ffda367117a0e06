/** What went wrong, in domain terms; the HTTP layer maps each kind to a status in one filter. */
export type DomainErrorKind =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  /** A dependency (storage) is down; the caller may retry. */
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}
