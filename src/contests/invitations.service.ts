import './messages';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomInt } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { normalizeVnPhone } from '../common/validation/phone';
import { foldVietnamese } from '../common/validation/text';
import { OTP_PROVIDER, type OtpProvider } from '../phone-verification/otp-provider';
import { ACCOUNTS_FOR_CONTEST_ROLE } from '../users/account-roles';
import { ContestRole } from '../users/entities/contest-membership.entity';
import { UserRole } from '../users/entities/user.entity';
import { UserSessionEvents } from '../users/user-session.events';
import { CategoriesRepository } from './categories.repository';
import { ContestAccessService } from './contest-access.service';
import { ContestsRepository } from './contests.repository';
import { ContestInvitation } from './entities/invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { MembersRepository } from './members.repository';

/** At most this many invitations per contest per hour: messages cost money and reach strangers. */
export const INVITATIONS_PER_HOUR = 60;
/** Invitations last a week. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;
/** No 0/O or 1/I: read aloud or copied from an SMS without mistakes. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const hashInvitationCode = (code: string): string =>
  createHash('sha256').update(`contest-invitation:${code}`).digest('hex');

function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export interface InvitationInput {
  role: ContestRole.Judge | ContestRole.Organizer;
  phone?: string;
  email?: string;
  categoryIds?: string[] | null;
}

/**
 * Organizers invite judges and co-organizers by phone or email: a code (and the app's link
 * with it) goes out through the notification provider; the person with that phone or email on
 * their account redeems it once and becomes a member of the contest.
 */
@Injectable()
export class InvitationsService {
  private readonly log = new Logger('Invitations');

  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly contests: ContestsRepository,
    private readonly categories: CategoriesRepository,
    private readonly members: MembersRepository,
    private readonly access: ContestAccessService,
    private readonly audit: AuditService,
    private readonly sessions: UserSessionEvents,
    @Inject(OTP_PROVIDER) private readonly provider: OtpProvider,
  ) {}

  async list(contestId: string, actor: Principal): Promise<ContestInvitation[]> {
    await this.access.assertOrganizer(actor, contestId);
    return this.invitations.listPending(contestId);
  }

  async create(
    contestId: string,
    input: InvitationInput,
    actor: Principal,
  ): Promise<ContestInvitation> {
    await this.access.assertOrganizer(actor, contestId);
    if (input.phone !== undefined && input.email !== undefined) {
      throw AppError.validation([{ field: 'email', code: 'contests.invitation_one_address' }]);
    }
    const phone = input.phone !== undefined ? normalizeVnPhone(input.phone) : null;
    const email = input.email ?? null;
    const categoryIds = input.categoryIds?.length ? [...new Set(input.categoryIds)] : null;
    if (
      categoryIds &&
      (await this.categories.countInContest(contestId, categoryIds)) !== categoryIds.length
    ) {
      throw AppError.validation([{ field: 'categoryIds', code: 'contests.unknown_categories' }]);
    }
    const code = newCode();
    return this.contests.transaction(async (manager) => {
      const contest = await this.contests.lockById(contestId, manager);
      if (!contest) throw AppError.notFound('contests.not_found');
      const hourAgo = new Date(Date.now() - 3600_000);
      if (
        (await this.invitations.countSince(contestId, hourAgo, manager)) >= INVITATIONS_PER_HOUR
      ) {
        throw AppError.tooManyRequests(600, 'contests.invitations_too_many');
      }
      await this.invitations.revokePending(contestId, input.role, { phone, email }, manager);
      const invitation = await this.invitations.insert(
        {
          contestId,
          role: input.role,
          phone,
          email,
          categoryIds,
          codeHash: hashInvitationCode(code),
          expiresAt: new Date(Date.now() + INVITATION_TTL_SECONDS * 1000),
          createdBy: actor.id,
        },
        manager,
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'contest.invitation_sent',
          subjectType: 'contest',
          subjectId: contestId,
          contestId,
          after: { invitationId: invitation.id, role: input.role, phone, email, categoryIds },
        },
        manager,
      );
      // sent before the commit: an invitation that could not go out is not kept
      const what = input.role === ContestRole.Judge ? 'giam khao' : 'ban to chuc';
      const title = foldVietnamese(contest.title).slice(0, 60);
      try {
        await this.provider.send({
          to: (phone ?? email)!,
          code,
          text:
            `Hoi Thi: ban duoc moi lam ${what} cuoc thi "${title}". Ma moi: ${code} ` +
            `(7 ngay). Mo /app/#/invite/${code} sau khi dang nhap.`,
          ttlSeconds: INVITATION_TTL_SECONDS,
        });
      } catch (err) {
        this.log.warn(`invitation not delivered: ${(err as Error).message}`);
        throw new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'contests.invitation_send_failed', {
          retryAfter: 5,
        });
      }
      return invitation;
    });
  }

  async revoke(contestId: string, invitationId: string, actor: Principal): Promise<void> {
    await this.access.assertOrganizer(actor, contestId);
    await this.contests.transaction(async (manager) => {
      if (!(await this.contests.lockById(contestId, manager))) {
        throw AppError.notFound('contests.not_found');
      }
      const invitation = await this.invitations.findById(invitationId, manager);
      if (!invitation || invitation.contestId !== contestId) {
        throw AppError.notFound('contests.invitation_not_found');
      }
      if (!(await this.invitations.revoke(invitationId, manager))) {
        throw AppError.conflict('contests.invitation_used');
      }
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'contest.invitation_revoked',
          subjectType: 'contest',
          subjectId: contestId,
          contestId,
          before: {
            invitationId,
            role: invitation.role,
            phone: invitation.phone,
            email: invitation.email,
          },
        },
        manager,
      );
    });
  }

  /** Redeems a code: the caller must be the person it was sent to, with a fitting account. */
  async accept(
    code: string,
    actor: Principal,
  ): Promise<{
    contestId: string;
    contestTitle: string;
    role: ContestRole;
    accountChanged: boolean;
  }> {
    const invitation = await this.invitations.findByCodeHash(hashInvitationCode(code));
    if (!invitation || invitation.revokedAt || invitation.acceptedAt) {
      throw AppError.notFound('contests.invitation_not_found');
    }
    if (invitation.expiresAt <= new Date()) throw AppError.conflict('contests.invitation_expired');
    const account = await this.invitations.account(actor.id);
    if (!account) throw AppError.unauthorized();
    const sameAddress =
      (invitation.phone !== null && account.phone === invitation.phone) ||
      (invitation.email !== null && account.email === invitation.email);
    if (!sameAddress) throw AppError.forbidden('contests.invitation_other_person');
    // A judge invited before having an account signs up in the app, which makes contestants'
    // accounts: the invitation makes it a judge's, if it has never entered.
    const raise =
      !ACCOUNTS_FOR_CONTEST_ROLE[invitation.role].includes(account.role) &&
      invitation.role === ContestRole.Judge &&
      account.role === UserRole.Contestant;
    if (!raise && !ACCOUNTS_FOR_CONTEST_ROLE[invitation.role].includes(account.role)) {
      throw AppError.conflict('contests.invitation_account_kind', { role: invitation.role });
    }
    const title = await this.contests.transaction(async (manager) => {
      const contest = await this.contests.lockById(invitation.contestId, manager);
      if (!contest) throw AppError.notFound('contests.invitation_not_found');
      if (!(await this.invitations.accept(invitation.id, actor.id, manager))) {
        throw AppError.notFound('contests.invitation_not_found');
      }
      if (raise) {
        if (!(await this.invitations.raiseToJudge(actor.id, manager)))
          throw AppError.conflict('contests.invitation_account_kind', { role: invitation.role });
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'user.access_changed',
            subjectType: 'user',
            subjectId: actor.id,
            contestId: contest.id,
            before: { role: UserRole.Contestant },
            after: { role: UserRole.Judge },
            reason: `invitation ${invitation.id}`,
          },
          manager,
        );
      }
      const { before, after } = await this.members.upsert(
        {
          contestId: contest.id,
          userId: actor.id,
          role: invitation.role,
          categoryIds: invitation.categoryIds,
          createdBy: invitation.createdBy ?? actor.id,
        },
        manager,
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'contest.invitation_accepted',
          subjectType: 'contest',
          subjectId: contest.id,
          contestId: contest.id,
          before: before ? { role: before.role, categoryIds: before.categoryIds } : null,
          after: {
            invitationId: invitation.id,
            userId: after.userId,
            role: after.role,
            categoryIds: after.categoryIds,
          },
        },
        manager,
      );
      return contest.title;
    });
    if (raise) await this.sessions.publish({ kind: 'account', userId: actor.id });
    await this.sessions.publish({
      kind: 'membership',
      userId: actor.id,
      contestId: invitation.contestId,
    });
    return {
      contestId: invitation.contestId,
      contestTitle: title,
      role: invitation.role,
      accountChanged: raise,
    };
  }
}
