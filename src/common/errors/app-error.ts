import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the field (`members.0.name`). */
  field: string;
  /** Message code, translated when the body is written. */
  code: string;
  params?: Record<string, unknown>;
}

/**
 * The one exception the product throws for expected failures: an HTTP status, a stable machine
 * code (`auth.invalid_credentials`), parameters for the localized message, and field errors.
 */
export class AppError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code, status);
  }

  static badRequest(code = 'common.bad_request', params?: Record<string, unknown>) {
    return new AppError(HttpStatus.BAD_REQUEST, code, params);
  }
  static validation(fieldErrors: FieldError[]) {
    return new AppError(HttpStatus.BAD_REQUEST, 'common.validation_failed', {}, fieldErrors);
  }
  static unauthorized(code = 'common.unauthorized', params?: Record<string, unknown>) {
    return new AppError(HttpStatus.UNAUTHORIZED, code, params);
  }
  static forbidden(code = 'common.forbidden', params?: Record<string, unknown>) {
    return new AppError(HttpStatus.FORBIDDEN, code, params);
  }
  static notFound(code = 'common.not_found', params?: Record<string, unknown>) {
    return new AppError(HttpStatus.NOT_FOUND, code, params);
  }
  static conflict(code = 'common.conflict', params?: Record<string, unknown>) {
    return new AppError(HttpStatus.CONFLICT, code, params);
  }
  static tooManyRequests(retryAfterSeconds: number, code = 'common.too_many_requests') {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    return new AppError(HttpStatus.TOO_MANY_REQUESTS, code, { retryAfter }, [], {
      'Retry-After': String(retryAfter),
    });
  }
}
