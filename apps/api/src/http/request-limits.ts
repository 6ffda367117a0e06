import { json, raw } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DomainError } from '@dvc/domain-errors';
import { jsonNestingDepth, MAX_JSON_DEPTH } from '@dvc/ingestion';

/** A request body parser's failures as domain errors, so the one filter answers each with a clear 4xx. */
function bodyError(error: { type?: string; status?: number; limit?: number; message?: string }): Error {
  if (error instanceof DomainError) return error;
  const message = error.message ?? 'unreadable body';
  switch (error.type) {
    case 'entity.parse.failed':
      return new DomainError('invalid', `body is not valid JSON: ${message}`);
    case 'entity.too.large': {
      // Which route's limit was hit (10 MB for events, 20 MB for catalogue imports), after decompression.
      const megabytes = error.limit ? `${Math.round(error.limit / (1024 * 1024))} MB ` : '';
      return new DomainError('too_large', `body exceeds the ${megabytes}limit`);
    }
    case 'encoding.unsupported':
      return new DomainError(
        'unsupported_media_type',
        `${message}: send the body as is, or with Content-Encoding gzip, deflate or br`,
      );
    case 'charset.unsupported':
      return new DomainError('unsupported_media_type', `${message}: send UTF-8`);
    default:
      // A broken stream (aborted, wrong length, corrupt gzip) is the client's; anything else stays a 500.
      return error.status !== undefined && error.status >= 400 && error.status < 500
        ? new DomainError('invalid', `cannot read the body: ${message}`)
        : (error as Error);
  }
}

const withBodyErrors =
  (parser: RequestHandler): RequestHandler =>
  (request: Request, response: Response, next: NextFunction) =>
    parser(request, response, (error?: unknown) =>
      next(error ? bodyError(error as Parameters<typeof bodyError>[0]) : undefined),
    );

/** Raw bytes of any content type, decompressed, at most `limit` bytes after decompression. */
export const rawBody = (limit: number) => withBodyErrors(raw({ type: () => true, limit }));

/**
 * JSON bodies of the other routes, refused before parsing when nested deeper than any of our bodies needs
 * (nothing recursive then meets them) or holding NUL (`\u0000`), which no text field of ours can store.
 */
export const jsonBody = (limit: string) =>
  withBodyErrors(
    json({
      limit,
      verify: (_request, _response, buffer) => {
        const text = buffer.toString('utf8');
        if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
          throw new DomainError(
            'invalid',
            `body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
          );
        if (hasNulEscape(text))
          throw new DomainError('invalid', 'body holds a NUL character (\\u0000), which no field accepts');
      },
    }),
  );

/**
 * Whether a JSON text escapes the NUL character (`\u0000`). `\\u0000` is a backslash then the text "u0000":
 * only an odd run of backslashes escapes the u. A raw NUL byte is invalid JSON already.
 */
export function hasNulEscape(text: string): boolean {
  for (let at = text.indexOf('\\u0000'); at >= 0; at = text.indexOf('\\u0000', at + 1)) {
    let backslashes = 1;
    while (at - backslashes >= 0 && text.charCodeAt(at - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 1) return true;
  }
  return false;
}

/**
 * Refuses a URL holding NUL (`%00`) in its path or query before any route sees it: no code, period or name
 * has one, and PostgreSQL cannot store or compare it.
 */
export function refuseNulInUrl(request: Request, _response: Response, next: NextFunction): void {
  next(
    /%00/.test(request.originalUrl)
      ? new DomainError('invalid', 'the URL holds a NUL character (%00); no parameter accepts one')
      : undefined,
  );
}
