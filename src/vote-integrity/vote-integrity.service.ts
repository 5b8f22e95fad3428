import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { UserRole } from '../users/entities/user.entity';
import { VotingLive } from '../voting/voting-live';
import { ChainVerifier, normalizeReceipt, receiptCode } from './chain';
import type {
  ChainCheckView,
  DecideDto,
  DecisionView,
  FlagView,
  QueueQuery,
  QueueView,
  ReceiptView,
  RecountView,
} from './dto/integrity.dto';
import { VoteFlagStatus } from './entities/vote-flag.entity';
import { FraudDetector, Trip, VoteFacts } from './fraud-detector';
import './messages';
import { RetroactiveSweeper, SweepJob, SweepOutcome } from './retroactive-quarantine';
import { SignalExchange } from './signal-exchange';
import { RedisSignalStream } from './signal-stream.redis';
import type { FraudReason } from './signals';
import { VoteIntegrityRepository } from './vote-integrity.repository';

/** What the live tallies need to hear after votes start or stop counting. */
interface TallyNotifier {
  committed(sessionIds: Set<string>): void;
}

const PAGE = 200;
const RETRY_CODES = new Set(['40P01', '40001']);

/** A voter key shown to organizers: its kind and a short prefix, enough to see a pattern. */
export function maskVoter(key: string): string {
  const [kind, rest = ''] = key.split(/:(.*)/s);
  if (kind === 'p') return `p:${rest.slice(0, rest.length - 4)}****`;
  return `${kind}:${rest.slice(0, 6)}…`;
}

/**
 * The integrity of public votes: fraud signals at intake (the detector), retroactive quarantine
 * of the votes a key had before it tripped, the quarantine queue and organizers' decisions
 * (audited; a release adds the vote to the live tally), receipts, and the recount that
 * recomputes every tally from the hash-chained log.
 */
@Injectable()
export class VoteIntegrityService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('VoteIntegrity');
  readonly detector: FraudDetector;
  readonly sweeper: RetroactiveSweeper;
  /** With REDIS_URL: the other instances' votes, counted here too (else each judges alone). */
  readonly exchange?: SignalExchange;

  constructor(
    private readonly repository: VoteIntegrityRepository,
    private readonly audit: AuditService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.detector = new FraudDetector(config.integrity);
    this.sweeper = new RetroactiveSweeper(
      (job) => this.sweep(job),
      (job, err) =>
        this.log.warn(
          `retroactive quarantine of ${job.key} in ${job.sessionId} postponed: ${(err as Error).message}`,
        ),
    );
    if (config.redisUrl)
      this.exchange = new SignalExchange(
        this.detector,
        new RedisSignalStream(
          config.redisUrl,
          `${config.redisKeyPrefix}:vote-signals`,
          config.integrity.windowSeconds,
        ),
        (trip) => this.sweeper.enqueue(trip),
      );
  }

  onApplicationBootstrap(): void {
    this.exchange?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.exchange?.stop();
    await this.sweeper.stop();
  }

  /**
   * Reasons to quarantine a vote (pure memory: no I/O on the intake path). When the vote makes a
   * key trip, the votes seen under that key before are swept out of the tally after the batch
   * commits (see `committed`).
   */
  assess(facts: VoteFacts, now = Date.now()): FraudReason[] {
    const { reasons, trips } = this.detector.judge(facts, now);
    for (const trip of trips) this.sweeper.enqueue(trip);
    this.exchange?.record(facts, reasons, now);
    return reasons;
  }

  /**
   * Votes of these sessions were committed: sweeps waiting for them run now, and what this
   * instance saw goes to the others (one exchange per batch at most).
   */
  committed(sessionIds: Set<string>): void {
    this.sweeper.committed(sessionIds);
    this.exchange?.kick();
  }

  /** Runs the sweeps still waiting now and waits for them (tests, shutdown). */
  async settle(): Promise<void> {
    await this.exchange?.settle();
    await this.sweeper.drain();
  }

  /**
   * Retroactive quarantine of one tripped key: its counted votes get a flag row and leave the
   * tally in one transaction, with one audit record; viewers get the lower tally afterwards.
   */
  async sweep(trip: Trip | SweepJob): Promise<SweepOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sweepOnce(trip);
      } catch (err) {
        const e = err as { code?: string; driverError?: { code?: string } };
        const code = e.driverError?.code ?? e.code;
        if (attempt >= 3 || !code || !RETRY_CODES.has(code)) throw err;
      }
    }
  }

  private async sweepOnce(trip: Trip): Promise<SweepOutcome> {
    const contestId = await this.repository.contestOf(trip.sessionId);
    if (!contestId) return { quarantined: 0, missing: [] };
    const { quarantined, found } = await this.repository.transaction(async (m) => {
      const done = await this.repository.quarantineRetroactively(
        m,
        trip.sessionId,
        trip.reason,
        trip.voteIds,
        trip.voterKeys,
      );
      if (done.quarantined.length)
        await this.audit.record(
          {
            actorId: null,
            action: 'voting.votes_quarantined',
            subjectType: 'voting_session',
            subjectId: trip.sessionId,
            contestId,
            before: { status: 'counted' },
            after: {
              status: VoteFlagStatus.Quarantined,
              retroactive: true,
              reason: trip.reason,
              key: trip.key,
              count: done.quarantined.length,
              voteIds: done.quarantined.map((r) => r.voteId),
            },
          },
          m,
        );
      return done;
    });
    if (quarantined.length) {
      this.log.log(
        `${quarantined.length} earlier votes of ${trip.key} (${trip.reason}) in ${trip.sessionId} held for review`,
      );
      this.notify(trip.sessionId);
    }
    return {
      quarantined: quarantined.length,
      missing: trip.voteIds.filter((id) => !found.has(id.toLowerCase())),
    };
  }

  // ---- organizers ----------------------------------------------------------------------------

  async assertOrganizer(sessionId: string, actor: Principal): Promise<string> {
    const access = await this.repository.sessionAccess(sessionId, actor.id);
    if (!access) throw AppError.notFound('integrity.session_not_found');
    if (actor.role !== UserRole.Admin && !access.organizer)
      throw AppError.forbidden('integrity.not_organizer');
    return access.contestId;
  }

  async queue(sessionId: string, q: QueueQuery, actor: Principal): Promise<QueueView> {
    await this.assertOrganizer(sessionId, actor);
    const limit = q.limit ?? 100;
    let after: { createdAt: Date; voteId: string } | undefined;
    if (q.cursor) {
      const [ms, voteId] = q.cursor.split('_');
      if (!/^\d+$/.test(ms ?? '') || !/^[0-9a-f-]{36}$/.test(voteId ?? ''))
        throw AppError.badRequest('common.bad_request');
      after = { createdAt: new Date(Number(ms)), voteId };
    }
    const [rows, counts] = await Promise.all([
      this.repository.queue(
        sessionId,
        q.status ?? VoteFlagStatus.Quarantined,
        limit,
        q.reason,
        after,
      ),
      this.repository.counts(sessionId),
    ]);
    const items: FlagView[] = rows.map((r) => ({
      voteId: r.voteId,
      entryId: r.entryId,
      voter: maskVoter(r.voterKey),
      channel: r.channel,
      reasons: r.reasons,
      status: r.status,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
    }));
    const last = rows[rows.length - 1];
    return {
      counts,
      items,
      nextCursor:
        rows.length === limit && last ? `${last.createdAt.getTime()}_${last.voteId}` : null,
    };
  }

  /** Releases or voids quarantined votes, one by one or in bulk; one audit record per decision. */
  async decide(sessionId: string, dto: DecideDto, actor: Principal): Promise<DecisionView> {
    const contestId = await this.assertOrganizer(sessionId, actor);
    if (!dto.voteIds?.length && dto.all !== true)
      throw AppError.badRequest('integrity.selection_required');
    const to = dto.action === 'release' ? VoteFlagStatus.Released : VoteFlagStatus.Voided;
    const decided = await this.repository.transaction(async (m) => {
      const rows = await this.repository.decide(
        m,
        sessionId,
        to,
        actor.id,
        dto.voteIds?.map((id) => id.toLowerCase()) ?? null,
        dto.reason ?? null,
      );
      if (!rows.length) return rows;
      if (to === VoteFlagStatus.Released) {
        const perEntry = new Map<string, number>();
        for (const r of rows) perEntry.set(r.entryId, (perEntry.get(r.entryId) ?? 0) + 1);
        await this.repository.addToTallies(m, sessionId, perEntry);
      }
      await this.audit.record(
        {
          actorId: actor.id,
          action: dto.action === 'release' ? 'voting.votes_released' : 'voting.votes_voided',
          subjectType: 'voting_session',
          subjectId: sessionId,
          contestId,
          before: { status: VoteFlagStatus.Quarantined },
          after: {
            status: to,
            count: rows.length,
            voteIds: rows.map((r) => r.voteId),
            ...(dto.all ? { all: true, reason: dto.reason ?? null } : {}),
          },
          reason: dto.note ?? null,
        },
        m,
      );
      return rows;
    });
    if (decided.length && to === VoteFlagStatus.Released) this.notify(sessionId);
    return {
      action: dto.action,
      decided: decided.length,
      counts: await this.repository.counts(sessionId),
    };
  }

  // ---- anyone --------------------------------------------------------------------------------

  async receipt(voteId: string, code: string): Promise<ReceiptView> {
    const normalized = normalizeReceipt(code);
    const row = normalized ? await this.repository.receipt(voteId.toLowerCase()) : null;
    if (!row || !row.batchHash || receiptCode(row.voteId, row.batchHash) !== normalized)
      throw AppError.notFound('integrity.receipt_not_found');
    const head = await this.repository.head(row.sessionId);
    const status =
      row.status === VoteFlagStatus.Quarantined
        ? 'quarantined'
        : row.status === VoteFlagStatus.Voided
          ? 'voided'
          : 'counted';
    return {
      voteId: row.voteId,
      sessionId: row.sessionId,
      entryId: row.entryId,
      status,
      batchSeq: row.batchSeq,
      batchHash: row.batchHash,
      chainHead: head,
    };
  }

  head(sessionId: string) {
    return this.repository.head(sessionId);
  }

  heads(sessionIds: string[]) {
    return this.repository.heads(sessionIds);
  }

  // ---- recount -------------------------------------------------------------------------------

  /** Checks the chain and recomputes the tallies from it, page by page of batches. */
  async recount(sessionId: string, actor: Principal | null): Promise<RecountView> {
    if (actor) await this.assertOrganizer(sessionId, actor);
    const [notCounting, recorded, unchained] = await Promise.all([
      this.repository.notCounting(sessionId),
      this.repository.head(sessionId),
      this.repository.unchained(sessionId),
    ]);
    const verifier = new ChainVerifier(sessionId);
    const recomputed = new Map<string, number>();
    let votes = 0;
    let excluded = 0;
    for (let after = 0; ;) {
      const page = await this.repository.batchesWithVotes(sessionId, after, PAGE);
      if (!page.length) break;
      for (const { batch, votes: batchVotes } of page) {
        verifier.add(batch, batchVotes);
        for (const v of batchVotes) {
          votes++;
          if (notCounting.has(v.id)) {
            excluded++;
            continue;
          }
          recomputed.set(v.entryId, (recomputed.get(v.entryId) ?? 0) + 1);
        }
        after = batch.seq;
      }
    }
    const checked = verifier.result();
    const headMatches = recorded
      ? recorded.hash === checked.head && recorded.seq === checked.batches
      : checked.batches === 0;
    const chain: ChainCheckView = {
      valid: checked.problems.length === 0 && unchained === 0 && headMatches,
      batches: checked.batches,
      head: checked.head,
      recordedHead: recorded,
      problems: checked.problems.slice(0, 50),
      unchained,
    };
    const live = await this.repository.liveTallies(sessionId);
    const entries = new Set([...recomputed.keys(), ...live.keys()]);
    const differences = [...entries]
      .map((entryId) => ({
        entryId,
        recomputed: recomputed.get(entryId) ?? 0,
        live: live.get(entryId) ?? 0,
      }))
      .filter((d) => d.recomputed !== d.live);
    if (!chain.valid || differences.length)
      this.log.warn(
        `recount of ${sessionId}: chain ${chain.valid ? 'valid' : 'BROKEN'}, ${differences.length} tally differences`,
      );
    return {
      sessionId,
      equal: chain.valid && differences.length === 0,
      chain,
      recomputed: Object.fromEntries(recomputed),
      live: Object.fromEntries(live),
      differences,
      votes,
      notCounting: excluded,
    };
  }

  /** Tells the live tallies (voting feature) that a session's counts changed. */
  private notify(sessionId: string): void {
    try {
      // Resolved lazily: the live tallies are absent where no viewers are (the CLI).
      const live: TallyNotifier = this.moduleRef.get(VotingLive, { strict: false });
      live.committed(new Set([sessionId]));
    } catch {
      /* no live tallies in this process */
    }
  }
}
