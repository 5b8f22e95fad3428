import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { Body } from '../common/validation/params';
import {
  ApiBearerAuth,
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors/app-error';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { checkedHeader } from '../common/validation/validation.pipe';
import { CodeSentView } from '../phone-verification/dto/phone-verification.dto';
import { UpdateProfileDto, USER_VIEW_SCHEMA, UserView } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { RegisterDto } from '../users/dto/user.dto';
import { UserRole } from '../users/entities/user.entity';
import { AuthService, IssuedSession } from './auth.service';
import { CurrentUser, Public } from './decorators';
import {
  ChangePasswordDto,
  CookieSessionView,
  ForgotPasswordDto,
  LoginDto,
  RefreshDto,
  ResetPasswordDto,
  TokenPairView,
} from './dto/auth.dto';
import { PasswordResetService } from './password-reset.service';
import { LocalAuthGuard } from './local-auth.guard';
import type { Principal } from './principal';
import {
  csrfValid,
  REFRESH_COOKIE,
  cookieValue,
  SessionCookies,
  wantsCookies,
} from './session-cookies';
import type { TokenPair } from './tokens.service';

type AuthedRequest = FastifyRequest & { authVia?: 'bearer' | 'cookie' };

const AUTH_MODE_HEADER_DOC = {
  name: 'X-Auth-Mode',
  required: false,
  enum: ['cookie'],
  description:
    'cookie: the tokens are set as cookies (ht_access HttpOnly Path=/, ht_refresh HttpOnly ' +
    'Path=/auth, ht_csrf readable Path=/; all SameSite=Strict, Secure over HTTPS) and the body ' +
    'carries the user and the expiry times, no token (for the web app)',
};
const CSRF_HEADER_DOC = {
  name: 'X-CSRF-Token',
  required: false,
  description:
    'The ht_csrf cookie value; required on unsafe requests authenticated by the ht_access ' +
    'cookie and on cookie-mode refresh (403 auth.csrf_invalid otherwise)',
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly views = new WeakMap<Principal, UserView>();

  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly cookies: SessionCookies,
    private readonly passwordReset: PasswordResetService,
  ) {}

  private client(request: FastifyRequest) {
    return { ip: request.ip, userAgent: checkedHeader(request.headers, 'user-agent') };
  }

  private required(refreshToken: string | undefined): string {
    if (refreshToken === undefined)
      throw AppError.validation([{ field: 'refreshToken', code: 'field.isDefined' }]);
    return refreshToken;
  }

  private cookieAnswer(
    request: FastifyRequest,
    reply: FastifyReply,
    session: IssuedSession,
    kind: 'new' | 'renewed' = 'new',
  ): CookieSessionView {
    return {
      user: UserView.of(session.user),
      ...this.cookies.write(request, reply, session.pair, kind),
    };
  }

  @Post('register')
  @Public()
  @ApiOperation({
    summary: 'A contestant registers under a union unit',
    description:
      'Answers the account; in cookie mode (X-Auth-Mode: cookie) the account is also logged in ' +
      '(cookies set) and the answer is a CookieSessionView.',
  })
  @ApiHeader(AUTH_MODE_HEADER_DOC)
  @ApiExtraModels(UserView, CookieSessionView)
  @ApiCreatedResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(UserView) }, { $ref: getSchemaPath(CookieSessionView) }],
    },
  })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'users.email_taken, users.phone_taken' })
  async register(
    @Body() dto: RegisterDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserView | CookieSessionView> {
    const user = await this.users.create({ ...dto, role: UserRole.Contestant }, null);
    if (!wantsCookies(request)) return UserView.of(user);
    return this.cookieAnswer(request, reply, await this.auth.start(user, this.client(request)));
  }

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @UseGuards(LocalAuthGuard)
  @ApiOperation({ summary: 'Log in with email or phone number and password' })
  @ApiBody({ type: LoginDto })
  @ApiHeader(AUTH_MODE_HEADER_DOC)
  @ApiExtraModels(TokenPairView, CookieSessionView)
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(TokenPairView) }, { $ref: getSchemaPath(CookieSessionView) }],
    },
    description: 'TokenPairView, or CookieSessionView in cookie mode',
  })
  @ApiUnauthorizedResponse({ type: ErrorBodyView })
  @ApiTooManyRequestsResponse({
    type: ErrorBodyView,
    description: 'Locked after repeated failures',
  })
  login(
    @Req() request: FastifyRequest & { user: IssuedSession },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): TokenPair | CookieSessionView {
    if (wantsCookies(request)) return this.cookieAnswer(request, reply, request.user);
    return request.user.pair;
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Trade a refresh token for a new pair (the old one stops working)',
    description:
      'In cookie mode (X-Auth-Mode: cookie) the refresh token is read from the ht_refresh cookie, ' +
      'the X-CSRF-Token header must match the ht_csrf cookie, and new cookies are set. A refresh ' +
      'token used twice ends its whole login session (auth.refresh_reused).',
  })
  @ApiHeader(AUTH_MODE_HEADER_DOC)
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiExtraModels(TokenPairView, CookieSessionView)
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(TokenPairView) }, { $ref: getSchemaPath(CookieSessionView) }],
    },
    description: 'TokenPairView, or CookieSessionView in cookie mode',
  })
  @ApiUnauthorizedResponse({ type: ErrorBodyView })
  @ApiForbiddenResponse({ type: ErrorBodyView, description: 'auth.csrf_invalid (cookie mode)' })
  async refresh(
    @Body() dto: RefreshDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPair | CookieSessionView> {
    if (wantsCookies(request)) {
      if (!csrfValid(request)) throw AppError.forbidden('auth.csrf_invalid');
      const token = cookieValue(request, REFRESH_COOKIE);
      try {
        if (!token) throw AppError.unauthorized('auth.refresh_invalid');
        const session = await this.auth.refresh(token, this.client(request));
        return this.cookieAnswer(request, reply, session, 'renewed');
      } catch (err) {
        // a login that no longer holds: the browser forgets its cookies (scripts cannot)
        if (err instanceof AppError && err.getStatus() === 401) this.cookies.clear(request, reply);
        throw err;
      }
    }
    const session = await this.auth.refresh(this.required(dto.refreshToken), this.client(request));
    return session.pair;
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'End this login session',
    description:
      'With a Bearer token, the body names the refresh token. In cookie mode (authenticated by ' +
      'the ht_access cookie, with X-CSRF-Token) the session of the cookie ends and the three ' +
      'cookies are cleared.',
  })
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiNoContentResponse()
  @ApiUnauthorizedResponse({ type: ErrorBodyView })
  @ApiForbiddenResponse({ type: ErrorBodyView, description: 'auth.csrf_invalid' })
  async logout(
    @Body() dto: RefreshDto,
    @CurrentUser() user: Principal,
    @Req() request: AuthedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (request.authVia === 'cookie') {
      await this.auth.logoutSession(user.id, user.sessionId);
      this.cookies.clear(request, reply);
      return;
    }
    await this.auth.logout(this.required(dto.refreshToken), user.id);
    if (wantsCookies(request)) this.cookies.clear(request, reply);
  }

  @Post('logout-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'End every login session of this account',
    description: 'In cookie mode the cookies are cleared too.',
  })
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ type: ErrorBodyView, description: 'auth.csrf_invalid' })
  async logoutAll(
    @CurrentUser() user: Principal,
    @Req() request: AuthedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logoutEverywhere(user.id);
    if (request.authVia === 'cookie' || wantsCookies(request)) this.cookies.clear(request, reply);
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the password; every session is revoked' })
  @ApiNoContentResponse()
  async changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentUser() user: Principal,
  ): Promise<void> {
    await this.auth.changePassword(user.id, dto.currentPassword, dto.newPassword);
  }

  @Post('password/forgot')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Forgotten password: send a code to the account's phone",
    description:
      'Always 202 with the same body, whether or not the number has an account (the code is ' +
      'sent only to an account). Limited like phone verification codes, per phone and per ' +
      'client address (429 phone_verification.send_limited with Retry-After). Then POST ' +
      '/auth/password/reset with the code.',
  })
  @ApiAcceptedResponse({ type: CodeSentView })
  @ApiBadRequestResponse({ type: ErrorBodyView, description: 'phone_verification.invalid_phone' })
  @ApiTooManyRequestsResponse({ type: ErrorBodyView })
  forgotPassword(
    @Body() dto: ForgotPasswordDto,
    @Req() request: FastifyRequest,
  ): Promise<CodeSentView> {
    return this.passwordReset.forgot(dto.phone, request.ip);
  }

  @Post('password/reset')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Set a new password with the code sent to the phone; every session is revoked',
    description:
      'Refusals: auth.reset_code_wrong (400, with the tries left in the message, in the field ' +
      'error of `code` and in X-Attempts-Remaining), auth.reset_code_expired (400), ' +
      'auth.reset_no_code (400), auth.reset_too_many_attempts (429: request a new code).',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiTooManyRequestsResponse({ type: ErrorBodyView })
  async resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.passwordReset.reset(dto.phone, dto.code, dto.newPassword);
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiHeader(CSRF_HEADER_DOC)
  @ApiOperation({
    summary: "Change the signed-in account's name, unit, email or phone",
    description: 'Only the fields sent change. The unit must exist and be active.',
  })
  @ApiOkResponse({ type: UserView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'users.email_taken, users.phone_taken' })
  @RouteSchema({ response: { 200: USER_VIEW_SCHEMA } })
  async updateMe(@Body() dto: UpdateProfileDto, @CurrentUser() user: Principal): Promise<UserView> {
    return UserView.of(await this.users.updateProfile(user.id, dto));
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The account behind the access token' })
  @ApiOkResponse({ type: UserView })
  @RouteSchema({ response: { 200: USER_VIEW_SCHEMA } })
  me(@CurrentUser() user: Principal): UserView {
    // the principal is rebuilt whenever the account is read again (PrincipalResolver)
    let view = this.views.get(user);
    if (!view) this.views.set(user, (view = this.viewOf(user)));
    return view;
  }

  /**
   * Built once per principal and without a prototype: Nest asks of every result whether it is a
   * plain object (it might wrap a stream), which for an ordinary object means printing the
   * `Object` constructor's source twice; for an object without a prototype the answer is
   * immediate. It is serialized by the route's response schema like any other.
   */
  private viewOf(user: Principal): UserView {
    const { profile } = user;
    return Object.assign(Object.create(null) as UserView, {
      id: user.id,
      fullName: profile.fullName,
      email: profile.email,
      phone: profile.phone,
      role: user.role,
      status: profile.status as UserView['status'],
      unitId: user.unitId,
      createdAt: profile.createdAt.toISOString(),
    });
  }
}
