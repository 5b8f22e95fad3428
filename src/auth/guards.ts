import { ExecutionContext, Injectable, CanActivate } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../common/errors/app-error';
import type { UserRole } from '../users/entities/user.entity';
import { AccessTokenVerifier } from './access-token.verifier';
import { IS_PUBLIC, ROLES } from './decorators';
import { bearerToken } from './jwt.strategy';
import type { Principal } from './principal';

/** Every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    // a token whose signature was already checked skips passport; the session is still checked
    const request = context.switchToHttp().getRequest<{ user?: Principal; headers: object }>();
    const token = bearerToken(request);
    if (token && this.verifier.cached(token)) {
      request.user = await this.verifier.verify(token);
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof AppError) throw err;
    if (err || !user) throw AppError.unauthorized('auth.token_invalid');
    return user;
  }
}

/** @Roles(...) restricts a route to some kinds of account. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!user) throw AppError.unauthorized();
    if (!roles.includes(user.role))
      throw AppError.forbidden('auth.role_required', { roles: roles.join(', ') });
    return true;
  }
}
