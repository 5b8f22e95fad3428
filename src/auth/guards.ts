import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '../common/errors/app-error';
import type { UserRole } from '../users/entities/user.entity';
import { AccessTokenVerifier } from './access-token.verifier';
import { IS_PUBLIC, ROLES } from './decorators';
import { bearerToken } from './jwt.strategy';
import type { AccessTokenClaims, Principal } from './principal';
import { accessCookie, csrfValid, isUnsafeMethod } from './session-cookies';

type AuthRequest = {
  user?: Principal;
  /** How the caller was authenticated (set by the guard on routes that need a login). */
  authVia?: 'bearer' | 'cookie';
  method?: string;
  headers: { authorization?: unknown };
  cookies?: Record<string, string | undefined>;
  raw?: { socket?: object | null };
};

const LAST_AUTHORIZATION = Symbol('lastAuthorization');

/**
 * The last `Authorization` header a connection sent that was answered from the caches, with its
 * verified claims: a client sends the same header on every request of a keep-alive connection,
 * and comparing it costs less than cutting the token out again and hashing it for the cache.
 */
interface LastAuthorization {
  header: string;
  claims: AccessTokenClaims;
}

type Connection = { [LAST_AUTHORIZATION]?: LastAuthorization };

/** What a route asks of its caller: read from its decorators once, not on every request. */
interface RouteAccess {
  isPublic: boolean;
  roles: UserRole[] | undefined;
}

/** Route access by handler, then by controller class (a handler may be inherited). */
class RouteAccessCache {
  private readonly byHandler = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(private readonly reflector: Reflector) {}

  of(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const cls = context.getClass();
    let byClass = this.byHandler.get(handler);
    let access = byClass?.get(cls);
    if (access) return access;
    const targets = [handler, cls];
    access = {
      isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
      roles: this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets),
    };
    if (!byClass) this.byHandler.set(handler, (byClass = new WeakMap()));
    byClass.set(cls, access);
    return access;
  }
}

function checkRoles(roles: UserRole[] | undefined, user: Principal | undefined): void {
  if (!roles?.length) return;
  if (!user) throw AppError.unauthorized();
  if (!roles.includes(user.role))
    throw AppError.forbidden('auth.role_required', { roles: roles.join(', ') });
}

/**
 * Every route needs a valid access token unless marked @Public(), and @Roles(...) restricts a
 * route to some kinds of account: one global guard does both, in that order.
 *
 * A token whose signature was already checked (VerifiedTokenCache) skips passport and goes to
 * the same verifier the socket handshake uses; the user and session are still checked on every
 * request. A token not seen before goes through passport's JWT strategy, which verifies it and
 * fills the cache.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly access: RouteAccessCache;

  constructor(
    reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {
    super();
    this.access = new RouteAccessCache(reflector);
  }

  override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const access = this.access.of(context);
    if (context.getType() !== 'http') {
      checkRoles(access.roles, context.switchToHttp().getRequest<{ user?: Principal }>().user);
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthRequest>();
    if (!access.isPublic) {
      // the usual case, a known token of a cached account, is answered without waiting
      const principal = this.fromCaches(request);
      if (!principal) {
        // no Authorization header: the browser's access cookie, if it sent one
        const cookie = request.headers.authorization === undefined && accessCookie(request);
        if (cookie) return this.fromCookie(request, cookie, access);
        return this.authenticate(context, request, bearerToken(request), access);
      }
      request.user = principal;
      request.authVia = 'bearer';
    }
    checkRoles(access.roles, request.user);
    return true;
  }

  /**
   * The caller when the token was verified before and the account state is cached (the user and
   * session are checked all the same), else undefined.
   */
  private fromCaches(request: AuthRequest): Principal | undefined {
    const header = request.headers.authorization;
    if (typeof header !== 'string') return undefined;
    const connection = request.raw?.socket as Connection | null | undefined;
    const last = connection?.[LAST_AUTHORIZATION];
    if (last !== undefined && last.header === header) {
      const principal = this.verifier.verifyCachedClaims(last.claims);
      if (principal) return principal;
    }
    const token = bearerToken(request);
    const claims = token ? this.verifier.cached(token) : undefined;
    if (!claims) return undefined;
    const principal = this.verifier.verifyCachedClaims(claims);
    if (principal && connection) connection[LAST_AUTHORIZATION] = { header, claims };
    return principal;
  }

  /**
   * The `ht_access` cookie: checked like a Bearer token; an unsafe method must also carry the
   * CSRF header (403 auth.csrf_invalid otherwise).
   */
  private async fromCookie(
    request: AuthRequest,
    token: string,
    access: RouteAccess,
  ): Promise<boolean> {
    request.user = await this.verifier.verify(token);
    request.authVia = 'cookie';
    if (isUnsafeMethod(request.method) && !csrfValid(request)) {
      throw AppError.forbidden('auth.csrf_invalid');
    }
    checkRoles(access.roles, request.user);
    return true;
  }

  private async authenticate(
    context: ExecutionContext,
    request: AuthRequest,
    token: string | null,
    access: RouteAccess,
  ): Promise<boolean> {
    if (token && this.verifier.cached(token)) {
      request.user = await this.verifier.verify(token);
    } else {
      await super.canActivate(context);
    }
    request.authVia = 'bearer';
    checkRoles(access.roles, request.user);
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err instanceof AppError) throw err;
    if (err || !user) throw AppError.unauthorized('auth.token_invalid');
    return user;
  }
}
