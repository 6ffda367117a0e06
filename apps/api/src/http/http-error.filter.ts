import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { DomainError, DomainErrorKind } from '@dvc/domain-errors';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

export interface ErrorBody {
  statusCode: number;
  message: string;
  errors?: string[];
}

/** The one place errors become HTTP: `{ statusCode, message, errors? }`. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    if (body.statusCode >= 500) this.logger.error((error as Error)?.stack ?? String(error));
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof ZodValidationException) {
      const zodError = error.getZodError() as ZodError;
      return {
        statusCode: HttpStatus.BAD_REQUEST,
        message: 'invalid request',
        errors: zodError.issues.map((issue) => `${issue.path.join('.') || '(request)'}: ${issue.message}`),
      };
    }
    if (error instanceof DomainError) {
      return {
        statusCode: STATUS_BY_KIND[error.kind],
        message: error.message,
        ...(error.details.length ? { errors: error.details } : {}),
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return { statusCode: status, message: error.message };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'internal error' };
  }
}
