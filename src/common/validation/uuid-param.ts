import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/** Path ids must be UUIDs; anything else is a 400 with a stable code. */
export const uuidParam = new ParseUUIDPipe({
  exceptionFactory: () => AppError.badRequest('common.invalid_uuid'),
});
