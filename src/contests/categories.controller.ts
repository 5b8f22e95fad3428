import { Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { Body, Param } from '../common/validation/params';
import {
  ApiBadRequestResponse,
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
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { CategoriesService } from './categories.service';
import { uuidParam } from '../common/validation/uuid-param';
import { ContestsService } from './contests.service';
import { CategoryView, CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';

@ApiTags('contests')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorBodyView, description: 'Not an organizer of the contest' })
@Controller('contests/:contestId/categories')
export class CategoriesController {
  constructor(
    private readonly categories: CategoriesService,
    private readonly contests: ContestsService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The contest's categories with their rules" })
  @ApiOkResponse({ type: [CategoryView] })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async list(
    @Param('contestId', uuidParam) contestId: string,
    @CurrentUser() user: Principal,
  ): Promise<CategoryView[]> {
    await this.contests.getReadable({ id: contestId }, user);
    return (await this.categories.list(contestId)).map((c) => CategoryView.of(c));
  }

  @Get(':categoryId')
  @ApiOperation({ summary: 'One category' })
  @ApiOkResponse({ type: CategoryView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async get(
    @Param('contestId', uuidParam) contestId: string,
    @Param('categoryId', uuidParam) categoryId: string,
    @CurrentUser() user: Principal,
  ): Promise<CategoryView> {
    await this.contests.getReadable({ id: contestId }, user);
    const category = (await this.categories.list(contestId)).find((c) => c.id === categoryId);
    if (!category) throw AppError.notFound('contests.category_not_found');
    return CategoryView.of(category);
  }

  @Post()
  @ApiOperation({ summary: 'Add a category with its rules (organizers)' })
  @ApiCreatedResponse({ type: CategoryView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'The code is taken' })
  async create(
    @Param('contestId', uuidParam) contestId: string,
    @Body() dto: CreateCategoryDto,
    @CurrentUser() user: Principal,
  ): Promise<CategoryView> {
    return CategoryView.of(await this.categories.create(contestId, dto, user));
  }

  @Patch(':categoryId')
  @ApiOperation({ summary: 'Change a category; rules are replaced as a whole (organizers)' })
  @ApiOkResponse({ type: CategoryView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async update(
    @Param('contestId', uuidParam) contestId: string,
    @Param('categoryId', uuidParam) categoryId: string,
    @Body() dto: UpdateCategoryDto,
    @CurrentUser() user: Principal,
  ): Promise<CategoryView> {
    return CategoryView.of(await this.categories.update(contestId, categoryId, dto, user));
  }

  @Delete(':categoryId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a category without entries (organizers)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'The category has entries' })
  async remove(
    @Param('contestId', uuidParam) contestId: string,
    @Param('categoryId', uuidParam) categoryId: string,
    @CurrentUser() user: Principal,
  ): Promise<void> {
    await this.categories.remove(contestId, categoryId, user);
  }
}
