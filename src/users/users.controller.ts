import { uuidParam } from '../common/validation/uuid-param';
import { Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { Body, Param, Query } from '../common/validation/params';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { ChangeAccessDto, CreateUserDto, ListUsersQuery, UserPage, UserView } from './dto/user.dto';
import { UserRole } from './entities/user.entity';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorBodyView, description: 'Only system administrators' })
@Roles(UserRole.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create an account (organizers, judges, admins, contestants)' })
  @ApiCreatedResponse({ type: UserView })
  async create(@Body() dto: CreateUserDto, @CurrentUser() actor: Principal): Promise<UserView> {
    return UserView.of(await this.users.create(dto, actor.id));
  }

  @Get()
  @ApiOperation({ summary: 'List accounts, by id, with a cursor' })
  @ApiOkResponse({ type: UserPage })
  async list(@Query() query: ListUsersQuery): Promise<UserPage> {
    const limit = query.limit ?? 50;
    const users = await this.users.list({ ...query, limit });
    return {
      items: users.map(UserView.of),
      nextCursor: users.length === limit ? users[users.length - 1].id : null,
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account' })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async get(@Param('id', uuidParam) id: string): Promise<UserView> {
    return UserView.of(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Change an account's kind or status; its open sessions and sockets follow at once",
  })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'Your own account, or contest roles the new kind may not hold',
  })
  async changeAccess(
    @Param('id', uuidParam) id: string,
    @Body() dto: ChangeAccessDto,
    @CurrentUser() actor: Principal,
  ): Promise<UserView> {
    return UserView.of(await this.users.changeAccess(id, dto, actor.id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an account; its tokens stop working at once' })
  @ApiNoContentResponse()
  async remove(@Param('id', uuidParam) id: string, @CurrentUser() actor: Principal): Promise<void> {
    await this.users.remove(id, actor.id);
  }
}
