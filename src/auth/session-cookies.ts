import { randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type { TokenPair } from './tokens.service';

/** The access token (every path). */
export const ACCESS_COOKIE = 'ht_access';
/** The refresh token: sent only to the refresh and logout routes. */
export const REFRESH_COOKIE = 'ht_refresh';
/** The CSRF token, readable by the app's scripts, echoed in X-CSRF-Token on unsafe requests. */
export const CSRF_COOKIE = 'ht_csrf';
export const REFRESH_COOKIE_PATH = '/auth';
/** `X-Auth-Mode: cookie` on login, register and refresh: tokens go to cookies, not the body. */
export const AUTH_MODE_HEADER = 'x-auth-mode';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_FORMAT = /^[A-Za-z0-9_-]{43}$/;

type HeaderBag = Record<string, string | string[] | undefined>;
interface CookieRequest {
  method?: string;
  headers: object;
  cookies?: Record<string, string | undefined>;
}

export const isUnsafeMethod = (method: string | undefined): boolean =>
  UNSAFE_METHODS.has((method ?? '').toUpperCase());

/** Did the client ask for cookies (`X-Auth-Mode: cookie`)? */
export function wantsCookies(request: { headers: object }): boolean {
  const mode = (request.headers as HeaderBag)[AUTH_MODE_HEADER];
  return typeof mode === 'string' && mode.trim().toLowerCase() === 'cookie';
}

/**
 * The request's cookies: parsed by @fastify/cookie on HTTP requests, read from the header here
 * elsewhere (socket.io handshakes, routes registered before the plugin's hook).
 */
export function cookiesOf(request: CookieRequest): Record<string, string | undefined> {
  if (request.cookies) return request.cookies;
  const header = (request.headers as HeaderBag).cookie;
  if (typeof header !== 'string' || header === '') return {};
  try {
    return fastifyCookie.parse(header);
  } catch {
    return {};
  }
}

export function cookieValue(request: CookieRequest, name: string): string | undefined {
  const value = cookiesOf(request)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The access token of the `ht_access` cookie, if any. */
export const accessCookie = (request: CookieRequest) => cookieValue(request, ACCESS_COOKIE);

/**
 * Double-submit check: the `X-CSRF-Token` header equals the `ht_csrf` cookie (a page of another
 * site can make the browser send the cookie, but cannot read it to copy it into the header).
 */
export function csrfValid(request: CookieRequest): boolean {
  const cookie = cookieValue(request, CSRF_COOKIE);
  const header = (request.headers as HeaderBag)[CSRF_HEADER];
  if (!cookie || typeof header !== 'string') return false;
  if (!CSRF_FORMAT.test(cookie) || !CSRF_FORMAT.test(header)) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(header));
}

/** What a cookie-mode answer says instead of the tokens. */
export interface CookieSession {
  expiresIn: number;
  refreshExpiresIn: number;
  accessExpiresAt: string;
  refreshExpiresAt: string;
}

/**
 * Sets and clears the browser's session cookies: all `HttpOnly` but the CSRF one,
 * `SameSite=Strict`, `Secure` in production or when the request came over HTTPS (the
 * forwarded protocol counts with TRUST_PROXY).
 */
@Injectable()
export class SessionCookies {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private secure(request: FastifyRequest): boolean {
    return this.config.nodeEnv === 'production' || request.protocol === 'https';
  }

  /**
   * Writes the pair into cookies. A new login session gets a new CSRF token; a refresh keeps the
   * one it was checked against (other tabs of the app keep sending it).
   */
  write(
    request: FastifyRequest,
    reply: FastifyReply,
    pair: TokenPair,
    session: 'new' | 'renewed',
  ): CookieSession {
    const secure = this.secure(request);
    const existing = session === 'renewed' ? cookieValue(request, CSRF_COOKIE) : undefined;
    const csrf =
      existing && CSRF_FORMAT.test(existing) ? existing : randomBytes(32).toString('base64url');
    const base = { sameSite: 'strict' as const, secure };
    void reply
      .setCookie(ACCESS_COOKIE, pair.accessToken, {
        ...base,
        httpOnly: true,
        path: '/',
        maxAge: pair.expiresIn,
      })
      .setCookie(REFRESH_COOKIE, pair.refreshToken, {
        ...base,
        httpOnly: true,
        path: REFRESH_COOKIE_PATH,
        maxAge: pair.refreshExpiresIn,
      })
      .setCookie(CSRF_COOKIE, csrf, {
        ...base,
        httpOnly: false,
        path: '/',
        maxAge: pair.refreshExpiresIn,
      });
    const now = Date.now();
    return {
      expiresIn: pair.expiresIn,
      refreshExpiresIn: pair.refreshExpiresIn,
      accessExpiresAt: new Date(now + pair.expiresIn * 1000).toISOString(),
      refreshExpiresAt: new Date(now + pair.refreshExpiresIn * 1000).toISOString(),
    };
  }

  clear(request: FastifyRequest, reply: FastifyReply): void {
    const base = { sameSite: 'strict' as const, secure: this.secure(request) };
    void reply
      .clearCookie(ACCESS_COOKIE, { ...base, httpOnly: true, path: '/' })
      .clearCookie(REFRESH_COOKIE, { ...base, httpOnly: true, path: REFRESH_COOKIE_PATH })
      .clearCookie(CSRF_COOKIE, { ...base, httpOnly: false, path: '/' });
  }
}
