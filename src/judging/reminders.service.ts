import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { OTP_PROVIDER, type OtpProvider } from '../phone-verification/otp-provider';
import { RemindJudgesDto } from './dto/judging.dto';
import { JudgingLive } from './judging.live';
import { JudgingRepository } from './judging.repository';
import { JudgingService } from './judging.service';

export interface ReminderOutcome {
  judgeId: string;
  fullName: string;
  /** Sheets assigned but not yet submitted. */
  pending: number;
  /** Also sent to the judge's phone through the notification gateway. */
  byPhone: boolean;
}

/** Text for SMS and Zalo gateways: Vietnamese without diacritics (SMS-safe), like the codes. */
function reminderText(pending: number, roundName: string, contestTitle: string): string {
  const plain = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D');
  return plain(
    `Hoi Thi: con ${pending} bai du thi chua cham xong trong ${roundName} (${contestTitle}). ` +
      'Moi thay/co vao ung dung de cham.',
  ).slice(0, 300);
}

/**
 * Reminders to judges who still have sheets to submit in a round (organizers): each gets a
 * `judging.reminder` on their sockets (the web app shows it) and, when their account has a phone,
 * a message through the notification gateway (the one that sends the phone codes: SMS or Zalo).
 * Judges already done are skipped; a judge not on the round's panel is refused. Audited.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly judging: JudgingService,
    private readonly repo: JudgingRepository,
    private readonly live: JudgingLive,
    private readonly audit: AuditService,
    @Inject(OTP_PROVIDER) private readonly gateway: OtpProvider,
  ) {}

  async remind(roundId: string, dto: RemindJudgesDto, user: Principal) {
    const ctx = await this.judging.organizerContext(roundId, user);
    this.judging.assertOpen(ctx.round);
    const progress = await this.repo.progress(roundId);
    const wanted = dto.judgeIds ? new Set(dto.judgeIds.map((id) => id.toLowerCase())) : null;
    if (wanted) {
      const known = new Set(progress.map((p) => p.judgeId));
      const unknown = [...wanted].findIndex((id) => !known.has(id));
      if (unknown >= 0)
        throw AppError.validation([
          { field: `judgeIds.${unknown}`, code: 'judging.judge_not_on_panel' },
        ]);
    }
    const targets = progress.filter(
      (p) => (!wanted || wanted.has(p.judgeId)) && p.submitted < p.assigned,
    );
    const phones = await this.repo.phonesOf(targets.map((p) => p.judgeId));
    const sent: ReminderOutcome[] = [];
    for (const p of targets) {
      const pending = p.assigned - p.submitted;
      this.live.remind(p.judgeId, {
        roundId,
        contestId: ctx.round.contestId,
        roundName: ctx.round.name,
        pending,
      });
      const phone = phones.get(p.judgeId);
      let byPhone = false;
      if (phone) {
        try {
          await this.gateway.send({
            to: phone,
            code: '',
            text: reminderText(pending, ctx.round.name, ctx.contest.title),
            ttlSeconds: 0,
          });
          byPhone = true;
        } catch {
          // the gateway is down: the socket reminder stands, and the answer says it
        }
      }
      sent.push({ judgeId: p.judgeId, fullName: p.fullName, pending, byPhone });
    }
    const skipped = progress
      .filter((p) => (!wanted || wanted.has(p.judgeId)) && p.submitted >= p.assigned)
      .map((p) => p.judgeId);
    await this.audit.record({
      actorId: user.id,
      action: 'judging.judges_reminded',
      subjectType: 'round',
      subjectId: roundId,
      contestId: ctx.round.contestId,
      after: { judgeIds: sent.map((s) => s.judgeId) },
    });
    return { roundId, sent, skipped };
  }
}
