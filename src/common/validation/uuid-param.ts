import { ArgumentMetadata, ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error';

/**
 * Path ids must be UUIDs; anything else is a 400 with a stable code. They come out lower-case,
 * as PostgreSQL writes them: an id is compared with ids read back from the database (map keys,
 * cache keys), where `6F1D…` and `6f1d…` must be the same entry.
 */
class UuidParamPipe extends ParseUUIDPipe {
  override async transform(
    value: unknown,
    metadata: ArgumentMetadata,
  ): Promise<string | undefined | null> {
    const id = await super.transform(value, metadata);
    return typeof id === 'string' ? id.toLowerCase() : id;
  }
}

export const uuidParam = new UuidParamPipe({
  exceptionFactory: () => AppError.badRequest('common.invalid_uuid'),
});
