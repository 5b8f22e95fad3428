import { uuidParam } from '../common/validation/uuid-param';
import { Controller, Get, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { Body, Param, Query } from '../common/validation/params';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { UserRole } from '../users/entities/user.entity';
import {
  ChildrenQuery,
  CreateOrgUnitDto,
  DissolveOrgUnitDto,
  HistoryQuery,
  ImportQuery,
  ImportReportView,
  ListOrgUnitsQuery,
  MergeOrgUnitsDto,
  MergeResultView,
  MoveOrgUnitDto,
  OrgUnitDetailView,
  OrgUnitEventView,
  OrgUnitHistoryPage,
  OrgUnitPage,
  OrgUnitSubtreeView,
  OrgUnitView,
  RecodeOrgUnitDto,
  RenameOrgUnitDto,
  SubtreeQuery,
} from './dto/org-unit.dto';
import { CSV_TYPE, XLSX_TYPE } from './import/unit-table.reader';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorBodyView })
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Post()
  @Roles(UserRole.Admin)
  @ApiOperation({ summary: 'Create a union unit (administrators)' })
  @ApiCreatedResponse({ type: OrgUnitView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'org_units.code_taken' })
  @ApiForbiddenResponse({ type: ErrorBodyView })
  async create(
    @Body() dto: CreateOrgUnitDto,
    @CurrentUser() actor: Principal,
  ): Promise<OrgUnitView> {
    return OrgUnitView.of(await this.units.create(dto, actor.id));
  }

  @Get()
  // a new member picks her unit while signing up, before she has an account
  @Public()
  @ApiOperation({
    summary:
      'Search units by name (diacritics and case ignored) or code prefix, with a cursor (anyone: sign-up picks a unit)',
  })
  @ApiOkResponse({ type: OrgUnitPage })
  async list(@Query() query: ListOrgUnitsQuery): Promise<OrgUnitPage> {
    const page = await this.units.list(query);
    return { items: page.items.map(OrgUnitView.of), nextCursor: page.nextCursor };
  }

  @Post('import')
  @Roles(UserRole.Admin, UserRole.Organizer)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Import units from CSV or XLSX (administrators; organizers under their own unit)',
    description:
      'The raw file is the body (Content-Type text/csv or the XLSX type; at most 5 MB). Columns: ' +
      'code, name, kind, parent_code (or "mã", "tên", "cấp", "mã đơn vị cha"). Units are matched ' +
      'by code: new ones are created, existing ones renamed or moved when they differ. All or ' +
      'nothing: a bad row refuses the file with errors such as `rows.12.parent_code` (12 being ' +
      'the row number in the file, the header being row 1). `dryRun=true` only reports.',
  })
  @ApiConsumes(CSV_TYPE, XLSX_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ImportReportView })
  @ApiForbiddenResponse({ type: ErrorBodyView })
  async import(
    @Body() body: Buffer,
    @Headers('content-type') contentType: string | undefined,
    @Query() query: ImportQuery,
    @CurrentUser() actor: Principal,
  ): Promise<ImportReportView> {
    const scope = await this.units.scopeFor(actor);
    return this.units.import(body, contentType ?? '', { dryRun: query.dryRun, scope }, actor.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One unit with its ancestors (breadcrumb)' })
  @ApiOkResponse({ type: OrgUnitDetailView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async get(@Param('id', uuidParam) id: string): Promise<OrgUnitDetailView> {
    const { unit, ancestors } = await this.units.getWithAncestors(id);
    return { ...OrgUnitView.of(unit), ancestors: ancestors.map(OrgUnitView.of) };
  }

  @Get(':id/children')
  @ApiOperation({ summary: 'Direct children of a unit, by name, with a cursor' })
  @ApiOkResponse({ type: OrgUnitPage })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async children(
    @Param('id', uuidParam) id: string,
    @Query() query: ChildrenQuery,
  ): Promise<OrgUnitPage> {
    const page = await this.units.children(id, query);
    return { items: page.items.map(OrgUnitView.of), nextCursor: page.nextCursor };
  }

  @Get(':id/subtree')
  @ApiOperation({
    summary: 'All units under a unit',
    description:
      'Active units by default. With includeHistorical=true, also merged and dissolved units ' +
      'that were under it, and units merged into any unit of the subtree (recursively).',
  })
  @ApiOkResponse({ type: OrgUnitSubtreeView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async subtree(
    @Param('id', uuidParam) id: string,
    @Query() query: SubtreeQuery,
  ): Promise<OrgUnitSubtreeView> {
    const includeHistorical = query.includeHistorical ?? false;
    const units = await this.units.subtree(id, { includeHistorical });
    return { rootId: id, includeHistorical, count: units.length, items: units.map(OrgUnitView.of) };
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Renames, moves and merges of a unit, oldest first' })
  @ApiOkResponse({ type: OrgUnitHistoryPage })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async history(
    @Param('id', uuidParam) id: string,
    @Query() query: HistoryQuery,
  ): Promise<OrgUnitHistoryPage> {
    const page = await this.units.history(id, query.after, query.limit);
    return { items: page.items.map(OrgUnitEventView.of), nextCursor: page.nextCursor };
  }

  @Post(':id/rename')
  @Roles(UserRole.Admin, UserRole.Organizer)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Rename a unit (and optionally change its level label); organizers only under their own unit',
  })
  @ApiOkResponse({ type: OrgUnitView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'org_units.not_active' })
  @ApiForbiddenResponse({ type: ErrorBodyView })
  async rename(
    @Param('id', uuidParam) id: string,
    @Body() dto: RenameOrgUnitDto,
    @CurrentUser() actor: Principal,
  ): Promise<OrgUnitView> {
    return OrgUnitView.of(
      await this.units.rename(id, dto, actor.id, await this.units.scopeFor(actor)),
    );
  }

  @Post(':id/recode')
  @Roles(UserRole.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Change the code of a unit' })
  @ApiOkResponse({ type: OrgUnitView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'org_units.code_taken' })
  @ApiForbiddenResponse({ type: ErrorBodyView })
  async recode(
    @Param('id', uuidParam) id: string,
    @Body() dto: RecodeOrgUnitDto,
    @CurrentUser() actor: Principal,
  ): Promise<OrgUnitView> {
    return OrgUnitView.of(await this.units.recode(id, dto, actor.id));
  }

  @Post(':id/move')
  @Roles(UserRole.Admin, UserRole.Organizer)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Move a unit, with everything under it, under another parent; organizers only within their own unit',
  })
  @ApiOkResponse({ type: OrgUnitView })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'org_units.move_into_own_subtree, org_units.not_active',
  })
  @ApiForbiddenResponse({ type: ErrorBodyView })
  async move(
    @Param('id', uuidParam) id: string,
    @Body() dto: MoveOrgUnitDto,
    @CurrentUser() actor: Principal,
  ): Promise<OrgUnitView> {
    return OrgUnitView.of(
      await this.units.move(id, dto, actor.id, await this.units.scopeFor(actor)),
    );
  }

  @Post(':id/merge')
  @Roles(UserRole.Admin, UserRole.Organizer)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Merge units into this one',
    description:
      'The sources become "merged" (kept for history and for entries submitted under them); ' +
      'their active sub-units move under this unit. Organizers: target and sources under their own unit.',
  })
  @ApiOkResponse({ type: MergeResultView })
  @ApiConflictResponse({ type: ErrorBodyView })
  @ApiForbiddenResponse({ type: ErrorBodyView })
  async merge(
    @Param('id', uuidParam) id: string,
    @Body() dto: MergeOrgUnitsDto,
    @CurrentUser() actor: Principal,
  ): Promise<MergeResultView> {
    const result = await this.units.merge(id, dto, actor.id, await this.units.scopeFor(actor));
    return {
      target: OrgUnitView.of(result.target),
      merged: result.merged.map(OrgUnitView.of),
      movedChildren: result.movedChildren,
    };
  }

  @Post(':id/dissolve')
  @Roles(UserRole.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Dissolve a unit that has no active sub-units' })
  @ApiOkResponse({ type: OrgUnitView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'org_units.has_active_children' })
  @ApiForbiddenResponse({ type: ErrorBodyView })
  async dissolve(
    @Param('id', uuidParam) id: string,
    @Body() dto: DissolveOrgUnitDto,
    @CurrentUser() actor: Principal,
  ): Promise<OrgUnitView> {
    return OrgUnitView.of(await this.units.dissolve(id, dto, actor.id));
  }
}
