import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { checkedHeader } from '../common/validation/validation.pipe';
import { AuthService, IssuedSession } from './auth.service';

/** Email-or-phone and password; on success the request carries the issued session. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({
      usernameField: 'identifier',
      passwordField: 'password',
      passReqToCallback: true,
      session: false,
    });
  }

  validate(request: FastifyRequest, identifier: string, password: string): Promise<IssuedSession> {
    return this.auth.login(identifier, password, {
      ip: request.ip,
      userAgent: checkedHeader(request.headers, 'user-agent'),
    });
  }
}
