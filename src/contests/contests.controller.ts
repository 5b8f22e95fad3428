import {
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
} from '@nestjs/common';
import { Body, Param, Query } from '../common/validation/params';
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
import { CurrentUser, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { localeFrom } from '../common/i18n/i18n';
import { UserRole } from '../users/entities/user.entity';
import { CategoriesService } from './categories.service';
import { contestDetail } from './contest-views';
import { ContestsService } from './contests.service';
import {
  ChangeContestStatusDto,
  ContestDetailView,
  ContestPage,
  ContestView,
  CreateContestDto,
  ListContestsQuery,
  UpdateContestDto,
} from './dto/contest.dto';
import { AddMemberDto, ListMembersQuery, MemberView } from './dto/member.dto';
import { MembersService } from './members.service';
import { ChecklistService } from './checklist.service';
import { InvitationsService } from './invitations.service';
import { CreateInvitationDto, InvitationView } from './dto/invitation.dto';
import { ChecklistView } from './dto/checklist.dto';
import { RoundsService } from './rounds.service';
import { uuidParam } from '../common/validation/uuid-param';

@ApiTags('contests')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorBodyView, description: 'Not an organizer of the contest' })
@Controller('contests')
export class ContestsController {
  constructor(
    private readonly contests: ContestsService,
    private readonly members: MembersService,
    private readonly categories: CategoriesService,
    private readonly rounds: RoundsService,
    private readonly checklist: ChecklistService,
    private readonly invitations: InvitationsService,
  ) {}

  @Post()
  @Roles(UserRole.Admin, UserRole.Organizer)
  @ApiOperation({ summary: 'Create a contest (draft); the creator becomes one of its organizers' })
  @ApiCreatedResponse({ type: ContestView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'The slug is taken' })
  async create(@Body() dto: CreateContestDto, @CurrentUser() user: Principal) {
    const contest = await this.contests.create(dto, user);
    return ContestView.of(contest, await this.rolesOf(user, contest.id));
  }

  @Get()
  @ApiOperation({
    summary: 'Contests the caller may see: all for admins, else own and public ones',
  })
  @ApiOkResponse({ type: ContestPage })
  async list(
    @Query() query: ListContestsQuery,
    @CurrentUser() user: Principal,
  ): Promise<ContestPage> {
    const limit = query.limit ?? 50;
    const contests = await this.contests.list({ ...query, limit }, user);
    return {
      items: contests.map((c) => ContestView.of(c)),
      nextCursor: contests.length === limit ? contests[contests.length - 1].id : null,
    };
  }

  @Get(':contestId')
  @ApiOperation({ summary: 'One contest with its categories and rounds' })
  @ApiOkResponse({ type: ContestDetailView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async get(
    @Param('contestId', uuidParam) contestId: string,
    @CurrentUser() user: Principal,
    @Headers('accept-language') language?: string,
  ): Promise<ContestDetailView> {
    const { contest, roles } = await this.contests.getReadable({ id: contestId }, user);
    const [categories, rounds] = await Promise.all([
      this.categories.list(contest.id),
      this.rounds.list(contest.id),
    ]);
    return contestDetail(contest, roles, categories, rounds, localeFrom(language));
  }

  @Patch(':contestId')
  @ApiOperation({ summary: 'Change a contest: texts, slug, time zone, settings (organizers)' })
  @ApiOkResponse({ type: ContestView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView })
  async update(
    @Param('contestId', uuidParam) contestId: string,
    @Body() dto: UpdateContestDto,
    @CurrentUser() user: Principal,
  ): Promise<ContestView> {
    const contest = await this.contests.update(contestId, dto, user);
    return ContestView.of(contest, await this.rolesOf(user, contest.id));
  }

  @Post(':contestId/status')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Move the contest on: draft → open → judging → closed → published (organizers)',
  })
  @ApiOkResponse({ type: ContestView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'Not allowed from the current status' })
  async changeStatus(
    @Param('contestId', uuidParam) contestId: string,
    @Body() dto: ChangeContestStatusDto,
    @CurrentUser() user: Principal,
  ): Promise<ContestView> {
    const contest = await this.contests.changeStatus(contestId, dto.status, user, dto.reason);
    return ContestView.of(contest, await this.rolesOf(user, contest.id));
  }

  @Get(':contestId/checklist')
  @ApiOperation({ summary: 'What is still missing before the contest can open (organizers)' })
  @ApiOkResponse({ type: ChecklistView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  getChecklist(
    @Param('contestId', uuidParam) contestId: string,
    @CurrentUser() user: Principal,
  ): Promise<ChecklistView> {
    return this.checklist.get(contestId, user);
  }

  @Get(':contestId/members')
  @ApiOperation({ summary: "The contest's organizers, judges and contestants (organizers)" })
  @ApiOkResponse({ type: [MemberView] })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async listMembers(
    @Param('contestId', uuidParam) contestId: string,
    @Query() query: ListMembersQuery,
    @CurrentUser() user: Principal,
  ): Promise<MemberView[]> {
    const rows = await this.members.list(contestId, user, query.role);
    return rows.map((m) => MemberView.of(m));
  }

  @Post(':contestId/members')
  @ApiOperation({
    summary: 'Add an organizer, judge or contestant, optionally limited to some categories',
  })
  @ApiCreatedResponse({ type: MemberView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async addMember(
    @Param('contestId', uuidParam) contestId: string,
    @Body() dto: AddMemberDto,
    @CurrentUser() user: Principal,
  ): Promise<MemberView> {
    return MemberView.of(await this.members.add(contestId, dto, user));
  }

  @Delete(':contestId/members/:memberId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a member (the last organizer stays)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView })
  async removeMember(
    @Param('contestId', uuidParam) contestId: string,
    @Param('memberId', uuidParam) memberId: string,
    @CurrentUser() user: Principal,
  ): Promise<void> {
    await this.members.remove(contestId, memberId, user);
  }

  @Get(':contestId/invitations')
  @ApiOperation({
    summary: 'Invitations not yet accepted nor withdrawn, newest first (organizers)',
  })
  @ApiOkResponse({ type: [InvitationView] })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async listInvitations(
    @Param('contestId', uuidParam) contestId: string,
    @CurrentUser() user: Principal,
  ): Promise<InvitationView[]> {
    const now = new Date();
    return (await this.invitations.list(contestId, user)).map((i) => InvitationView.of(i, now));
  }

  @Post(':contestId/invitations')
  @ApiOperation({
    summary: 'Invite a judge or co-organizer by phone or email (organizers)',
    description:
      'A code valid for 7 days goes out through the notification provider (with the app link ' +
      '/app/#/invite/<code>); a new invitation to the same person for the same role replaces ' +
      'the pending one. The code is never returned.',
  })
  @ApiCreatedResponse({ type: InvitationView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async invite(
    @Param('contestId', uuidParam) contestId: string,
    @Body() dto: CreateInvitationDto,
    @CurrentUser() user: Principal,
  ): Promise<InvitationView> {
    return InvitationView.of(await this.invitations.create(contestId, dto, user));
  }

  @Delete(':contestId/invitations/:invitationId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Withdraw a pending invitation (organizers)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorBodyView })
  @ApiConflictResponse({ type: ErrorBodyView, description: 'Already accepted or withdrawn' })
  async revokeInvitation(
    @Param('contestId', uuidParam) contestId: string,
    @Param('invitationId', uuidParam) invitationId: string,
    @CurrentUser() user: Principal,
  ): Promise<void> {
    await this.invitations.revoke(contestId, invitationId, user);
  }

  private async rolesOf(user: Principal, contestId: string) {
    return (await this.contests.getReadable({ id: contestId }, user)).roles;
  }
}
