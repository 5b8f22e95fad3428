import './messages';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError, FieldError } from '../common/errors/app-error';
import { zonedText, InvalidDateTimeError, parseZonedDateTime } from '../common/time/zoned-time';
import { OrgUnitsService } from '../org-units/org-units.service';
import { ContestAccessService } from './contest-access.service';
import { allowedRoundTransitions, roundOrderViolation } from './contest-rules';
import { ContestsRepository } from './contests.repository';
import { sqlState, violatedConstraint } from './db-errors';
import { Round, RoundKind, RoundStatus } from './entities/round.entity';
import { RoundsRepository } from './rounds.repository';

export interface RoundInput {
  position: number;
  name: string;
  kind: RoundKind;
  /** Local time in the contest's zone, or ISO 8601 with an offset. */
  opensAt: string;
  closesAt: string;
  graceSeconds?: number;
  scopeUnitId?: string | null;
  scopeDepth?: number | null;
}

function snapshot(r: Round): Record<string, unknown> {
  return {
    position: r.position,
    name: r.name,
    kind: r.kind,
    opensAt: r.opensAt.toISOString(),
    closesAt: r.closesAt.toISOString(),
    graceSeconds: r.graceSeconds,
    scopeUnitId: r.scopeUnitId,
    scopeDepth: r.scopeDepth,
    status: r.status,
  };
}

@Injectable()
export class RoundsService {
  constructor(
    private readonly rounds: RoundsRepository,
    private readonly contests: ContestsRepository,
    private readonly access: ContestAccessService,
    private readonly units: OrgUnitsService,
    private readonly audit: AuditService,
  ) {}

  list(contestId: string): Promise<Round[]> {
    return this.rounds.listByContest(contestId);
  }

  async create(contestId: string, input: RoundInput, actor: Principal): Promise<Round> {
    await this.access.assertOrganizer(actor, contestId);
    return this.save(contestId, null, input, actor);
  }

  async update(
    contestId: string,
    roundId: string,
    patch: Partial<RoundInput>,
    actor: Principal,
  ): Promise<Round> {
    await this.access.assertOrganizer(actor, contestId);
    return this.save(contestId, roundId, patch, actor);
  }

  /** Creates (roundId null) or changes a round, checking it against the contest's other rounds. */
  private async save(
    contestId: string,
    roundId: string | null,
    input: Partial<RoundInput>,
    actor: Principal,
  ): Promise<Round> {
    if (input.scopeUnitId && !(await this.units.isActive(input.scopeUnitId))) {
      throw AppError.validation([{ field: 'scopeUnitId', code: 'contests.scope_unit_not_found' }]);
    }
    try {
      return await this.contests.transaction(async (manager) => {
        const contest = await this.contests.lockById(contestId, manager);
        if (!contest) throw AppError.notFound('contests.not_found');
        const zone = contest.timeZone;
        const all = await this.rounds.listByContest(contestId, manager);
        const current = roundId ? all.find((r) => r.id === roundId) : undefined;
        if (roundId && !current) throw AppError.notFound('contests.round_not_found');

        const errors: FieldError[] = [];
        const parse = (field: 'opensAt' | 'closesAt'): Date | undefined => {
          const value = input[field];
          if (value === undefined) return current?.[field];
          try {
            return parseZonedDateTime(value, zone);
          } catch (err) {
            if (!(err instanceof InvalidDateTimeError)) throw err;
            errors.push({ field, code: 'contests.invalid_datetime' });
            return undefined;
          }
        };
        const opensAt = parse('opensAt');
        const closesAt = parse('closesAt');
        if (errors.length) throw AppError.validation(errors);
        if (!opensAt || !closesAt) throw AppError.badRequest();
        if (closesAt.getTime() <= opensAt.getTime()) {
          throw AppError.validation([{ field: 'closesAt', code: 'contests.closes_before_opens' }]);
        }
        const position = input.position ?? current!.position;
        if (all.some((r) => r.position === position && r.id !== roundId)) {
          throw AppError.conflict('contests.round_position_taken', { position });
        }
        const windows = [
          ...all.filter((r) => r.id !== roundId),
          { id: roundId ?? '', position, opensAt },
        ];
        const violation = roundOrderViolation(windows);
        if (violation) {
          const self = violation.later.id === (roundId ?? '');
          throw AppError.validation([
            self
              ? {
                  field: 'opensAt',
                  code: 'contests.round_order',
                  params: {
                    position: violation.later.position,
                    previous: violation.earlier.position,
                    previousOpensAt: zonedText(violation.earlier.opensAt, zone),
                  },
                }
              : {
                  field: 'opensAt',
                  code: 'contests.round_order_next',
                  params: {
                    position: violation.earlier.position,
                    next: violation.later.position,
                    nextOpensAt: zonedText(violation.later.opensAt, zone),
                  },
                },
          ]);
        }
        const data: Partial<Round> = {
          position,
          name: input.name ?? current?.name,
          kind: input.kind ?? current?.kind,
          opensAt,
          closesAt,
          graceSeconds: input.graceSeconds ?? current?.graceSeconds ?? 0,
          scopeUnitId:
            input.scopeUnitId !== undefined ? input.scopeUnitId : (current?.scopeUnitId ?? null),
          scopeDepth:
            input.scopeDepth !== undefined ? input.scopeDepth : (current?.scopeDepth ?? null),
        };
        if (!current) {
          const round = await this.rounds.insert({ ...data, contestId }, manager);
          await this.audit.record(
            {
              actorId: actor.id,
              action: 'round.created',
              subjectType: 'round',
              subjectId: round.id,
              contestId,
              after: snapshot(round),
            },
            manager,
          );
          return round;
        }
        const before = snapshot(current);
        const updated = await this.rounds.update(current.id, data, manager);
        const after = snapshot(updated);
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          await this.audit.record(
            {
              actorId: actor.id,
              action: 'round.updated',
              subjectType: 'round',
              subjectId: current.id,
              contestId,
              before,
              after,
            },
            manager,
          );
        }
        return updated;
      });
    } catch (err) {
      if (violatedConstraint(err) === 'uq_contest_rounds_position') {
        throw AppError.conflict('contests.round_position_taken', { position: input.position });
      }
      throw err;
    }
  }

  async changeStatus(
    contestId: string,
    roundId: string,
    to: RoundStatus,
    actor: Principal,
  ): Promise<Round> {
    await this.access.assertOrganizer(actor, contestId);
    return this.contests.transaction(async (manager) => {
      await this.contests.lockById(contestId, manager);
      const current = await this.rounds.findById(roundId, manager);
      if (!current || current.contestId !== contestId) {
        throw AppError.notFound('contests.round_not_found');
      }
      const allowed = allowedRoundTransitions(current);
      if (!allowed.includes(to)) {
        throw AppError.conflict('contests.round_invalid_transition', {
          from: current.status,
          to,
          allowed,
          allowedList: allowed.length ? allowed.join(', ') : '—',
        });
      }
      const updated = await this.rounds.update(roundId, { status: to }, manager);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'round.status_changed',
          subjectType: 'round',
          subjectId: roundId,
          contestId,
          before: { status: current.status },
          after: { status: to },
        },
        manager,
      );
      return updated;
    });
  }

  async remove(contestId: string, roundId: string, actor: Principal): Promise<void> {
    await this.access.assertOrganizer(actor, contestId);
    try {
      await this.contests.transaction(async (manager) => {
        await this.contests.lockById(contestId, manager);
        const current = await this.rounds.findById(roundId, manager);
        if (!current || current.contestId !== contestId) {
          throw AppError.notFound('contests.round_not_found');
        }
        if (current.status !== RoundStatus.Pending) {
          throw AppError.conflict('contests.round_not_pending');
        }
        await this.rounds.remove(roundId, manager);
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'round.deleted',
            subjectType: 'round',
            subjectId: roundId,
            contestId,
            before: snapshot(current),
          },
          manager,
        );
      });
    } catch (err) {
      if (sqlState(err) === '23503') throw AppError.conflict('contests.round_in_use');
      throw err;
    }
  }
}
