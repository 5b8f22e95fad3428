import { HttpException, HttpStatus } from '@nestjs/common';
import { Locale, translate } from '../i18n/i18n';
import { AppError, FieldError } from './app-error';
import './messages';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: { field: string; code: string; message: string }[];
  requestId?: string;
}

export interface RenderedError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** Unexpected failures are logged with their stack; expected ones are not. */
  unexpected: boolean;
}

const statusCodes: Record<number, string> = {
  400: 'common.bad_request',
  401: 'common.unauthorized',
  403: 'common.forbidden',
  404: 'common.not_found',
  405: 'common.method_not_allowed',
  409: 'common.conflict',
  413: 'common.body_too_large',
  414: 'common.uri_too_long',
  415: 'common.unsupported_media_type',
  429: 'common.too_many_requests',
  503: 'common.service_unavailable',
};

interface FrameworkError {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
}

/** Errors raised by Fastify itself (body parsing, limits) before a route handler runs. */
function fromFramework(err: FrameworkError): AppError | undefined {
  if (
    /forbidden prototype property|constructor/i.test(err.message ?? '') &&
    (err.statusCode ?? err.status) === 400
  ) {
    return new AppError(HttpStatus.BAD_REQUEST, 'common.forbidden_key', {
      key: /constructor/i.test(err.message ?? '') ? 'constructor.prototype' : '__proto__',
    });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'common.body_too_large', { limit: '' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'common.unsupported_media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(HttpStatus.BAD_REQUEST, 'common.empty_body');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(HttpStatus.BAD_REQUEST, 'common.malformed_json');
    case 'FST_ERR_BAD_URL':
      return new AppError(HttpStatus.BAD_REQUEST, 'common.bad_url');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError(HttpStatus.URI_TOO_LONG, 'common.uri_too_long');
  }
  const status = err.statusCode ?? err.status;
  if (status === 400 && /prototype/i.test(err.message ?? '')) {
    return new AppError(HttpStatus.BAD_REQUEST, 'common.forbidden_key', { key: '__proto__' });
  }
  if (status === 400 && (err instanceof SyntaxError || /JSON/i.test(err.message ?? ''))) {
    return new AppError(HttpStatus.BAD_REQUEST, 'common.malformed_json');
  }
  if (status && status >= 400 && status < 500 && statusCodes[status]) {
    return new AppError(status, statusCodes[status]);
  }
  return undefined;
}

/**
 * No database connection within the pool's wait: every connection of the pool stayed busy (a
 * burst larger than the pool, or the embedded database's one session held by a long
 * transaction), or the server did not answer. The request was fine and the service was full
 * or cut off: a retryable 503, not a failure of the request.
 */
const NO_CONNECTION =
  /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout)$/;
function poolExhausted(error: unknown): AppError | undefined {
  if (error instanceof Error && NO_CONNECTION.test(error.message))
    return new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'common.service_unavailable', {}, [], {
      'Retry-After': '1',
    });
  return undefined;
}

export function renderError(
  error: unknown,
  locale: Locale,
  requestId: string | undefined,
  context: { method?: string; path?: string; bodyLimit?: number } = {},
): RenderedError {
  let app: AppError | undefined;
  if (error instanceof AppError) app = error;
  else if (error instanceof HttpException && error.cause && typeof error.cause === 'object') {
    // Fastify's own errors (body parsing, limits), wrapped by Nest's adapter
    app = fromFramework(error.cause);
  }
  if (app) {
    /* already mapped */
  } else if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404 && context.method && /^Cannot /.test(error.message)) {
      app = new AppError(404, 'common.route_not_found', {
        method: context.method,
        path: context.path,
      });
    } else
      app = new AppError(
        status,
        statusCodes[status] ?? (status >= 500 ? 'common.internal' : 'common.bad_request'),
      );
  } else if ((app = poolExhausted(error))) {
    /* the pool was full */
  } else if (error && typeof error === 'object') {
    app = fromFramework(error);
  }
  if (!app) {
    return {
      status: 500,
      body: {
        statusCode: 500,
        code: 'common.internal',
        message: translate('common.internal', locale),
        requestId,
      },
      headers: {},
      unexpected: true,
    };
  }
  const params = { ...app.params };
  if (app.code === 'common.body_too_large' && context.bodyLimit) params.limit = context.bodyLimit;
  const body: ErrorBody = {
    statusCode: app.getStatus(),
    code: app.code,
    message: translate(app.code, locale, params),
  };
  if (app.fieldErrors.length > 0) {
    body.errors = app.fieldErrors.map((f: FieldError) => ({
      field: f.field,
      code: f.code,
      message: translate(f.code, locale, f.params),
    }));
  }
  body.requestId = requestId;
  return {
    status: app.getStatus(),
    body,
    headers: app.headers,
    unexpected: app.getStatus() >= 500,
  };
}
