import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppError } from '../common/errors/app-error';
import { flattenValidationErrors } from '../common/validation/validation.pipe';
import { LoginDto } from './dto/auth.dto';

/** Validates the login body like any DTO (guards run before pipes), then runs passport-local. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body: unknown }>();
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw AppError.validation([{ field: 'identifier', code: 'field.isDefined' }]);
    }
    const errors = await validate(plainToInstance(LoginDto, body), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    if (errors.length) throw AppError.validation(flattenValidationErrors(errors));
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof Error) throw err;
    if (err || !user) throw AppError.unauthorized('auth.invalid_credentials');
    return user;
  }
}
