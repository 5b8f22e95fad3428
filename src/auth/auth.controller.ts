import { Controller, Get, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { Body } from '../common/validation/params';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { checkedHeader } from '../common/validation/validation.pipe';
import { USER_VIEW_SCHEMA, UserView } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { RegisterDto } from '../users/dto/user.dto';
import { UserRole } from '../users/entities/user.entity';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './decorators';
import { ChangePasswordDto, LoginDto, RefreshDto, TokenPairView } from './dto/auth.dto';
import { LocalAuthGuard } from './local-auth.guard';
import type { Principal } from './principal';
import type { TokenPair } from './tokens.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly views = new WeakMap<Principal, UserView>();

  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'A contestant registers under a union unit' })
  @ApiCreatedResponse({ type: UserView })
  async register(@Body() dto: RegisterDto): Promise<UserView> {
    const user = await this.users.create({ ...dto, role: UserRole.Contestant }, null);
    return UserView.of(user);
  }

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @UseGuards(LocalAuthGuard)
  @ApiOperation({ summary: 'Log in with email or phone number and password' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenPairView })
  @ApiUnauthorizedResponse({ type: ErrorBodyView })
  @ApiTooManyRequestsResponse({
    type: ErrorBodyView,
    description: 'Locked after repeated failures',
  })
  login(@Req() request: FastifyRequest & { user: TokenPair }): TokenPair {
    return request.user;
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Trade a refresh token for a new pair (the old one stops working)' })
  @ApiOkResponse({ type: TokenPairView })
  @ApiUnauthorizedResponse({ type: ErrorBodyView })
  refresh(@Body() dto: RefreshDto, @Req() request: FastifyRequest): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken, {
      ip: request.ip,
      userAgent: checkedHeader(request.headers, 'user-agent'),
    });
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this login session' })
  @ApiNoContentResponse()
  async logout(@Body() dto: RefreshDto, @CurrentUser() user: Principal): Promise<void> {
    await this.auth.logout(dto.refreshToken, user.id);
  }

  @Post('logout-all')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End every login session of this account' })
  @ApiNoContentResponse()
  async logoutAll(@CurrentUser() user: Principal): Promise<void> {
    await this.auth.logoutEverywhere(user.id);
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
