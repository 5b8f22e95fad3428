import { getHeapSpaceStatistics } from 'node:v8';
import {
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { ContestAccessService } from '../contests/contest-access.service';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import type { EntityManager } from 'typeorm';
import type {
  CreateVotingSessionDto,
  UpdateVotingSessionDto,
  VotingPolicyDto,
} from './dto/voting.dto';
import { VotingSessionView } from './dto/voting.dto';
import {
  VotingMode,
  VotingPolicy,
  VotingSession,
  VotingSessionState,
} from './entities/voting-session.entity';
import { formatReceipt, receiptCode } from '../vote-integrity/chain';
import { normalizeIp, subnetOf } from '../vote-integrity/signals';
import { VoteIntegrityService } from '../vote-integrity/vote-integrity.service';
import './messages';
import { dayLimitMayBind, keysAfterChange, limitedBits, slotBits } from './day-limit';
import { SlotBackfiller } from './slot-backfill';
import { SessionAction, stateAfter } from './session-state';
import { Metrics } from '../metrics/metrics.service';
import { VoteBatcher } from './vote-batcher';
import { DeviceTokens, PresentedIdentity, VoterIdentityResolver } from './voter-identity';
import { VotingLive } from './voting-live';
import { VotingRepository } from './voting.repository';

export interface CastVote {
  sessionId: string;
  entryId: string;
  voteId: string;
  channel: 'socket' | 'http';
  /** The client's address, a hash of its browser's traits, and ms from page load to vote. */
  ip?: string | null;
  fingerprint?: string | null;
  elapsedMs?: number | null;
}

export interface VoteReceipt {
  voteId: string;
  status: 'counted' | 'already_counted';
  /** Short code the voter checks the vote with (GET /voting/receipts/:voteId/:code). */
  receipt?: string;
  /** Stored but held for review by a fraud signal (not in the tally until released). */
  held?: boolean;
}

/** How often pending slot backfills are looked for (and stale device-token counts dropped). */
const HOUSEKEEPING_MS = 60_000;

/** Refusals a client may simply send again (same vote id): the vote was not counted, or maybe was. */
export function retryable(code: string, retryAfter = 1): AppError {
  return new AppError(HttpStatus.SERVICE_UNAVAILABLE, code, { retryAfter }, [], {
    'Retry-After': String(retryAfter),
  });
}

/** Voting sessions and their rules; vote intake through the batcher. */
@Injectable()
export class VotingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Voting');
  readonly batcher: VoteBatcher;
  readonly backfiller: SlotBackfiller;
  private readonly statsEnabled: boolean;
  private housekeeping?: NodeJS.Timeout;

  constructor(
    private readonly repository: VotingRepository,
    private readonly live: VotingLive,
    private readonly identities: VoterIdentityResolver,
    private readonly devices: DeviceTokens,
    private readonly audit: AuditService,
    private readonly access: ContestAccessService,
    private readonly integrity: VoteIntegrityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.statsEnabled = config.voting.statsEndpoint;
    this.batcher = new VoteBatcher(
      repository,
      {
        batchMax: config.voting.batchMax,
        batchWaitMs: config.voting.batchWaitMs,
        concurrency: config.voting.batchConcurrency,
        queueMax: config.voting.queueMax,
        hintCapacity: config.voting.slotHints,
        onBatch: (size, ms) => metrics.voteBatch(size, ms),
      },
      (ids) => {
        live.committed(ids);
        integrity.committed(ids);
      },
    );
    this.backfiller = new SlotBackfiller(repository);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.gauge(
      'hoithi_vote_queue_length',
      'Votes of this instance waiting for a batch (new ones are refused as busy beyond VOTING_QUEUE_MAX)',
      [],
      (set) => set({}, this.batcher.queued),
    );
    const mode = await this.repository.synchronousCommit().catch(() => 'unknown');
    if (mode === 'off') {
      this.log.error('synchronous_commit is off: acknowledged votes could be lost in a crash');
    }
    void this.resumeBackfills();
    this.housekeeping = setInterval(() => void this.resumeBackfills(), HOUSEKEEPING_MS);
    this.housekeeping.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.housekeeping);
    await this.backfiller.stop();
    await this.batcher.stop();
  }

  /**
   * Backfills left pending (by a restart, or by another instance that stopped) resume here, and
   * device-token counts whose window is over are dropped.
   */
  private async resumeBackfills(): Promise<void> {
    try {
      for (const id of await this.repository.pendingBackfills()) this.backfiller.start(id);
      await this.repository.purgeDeviceTokenCounts(this.config.voting.deviceTokenWindowSeconds);
    } catch (err) {
      this.log.warn(`voting housekeeping postponed: ${(err as Error).message}`);
    }
  }

  // ---- votes ---------------------------------------------------------------------------------

  /**
   * Counts one vote, or says why not. Resolves only after the vote's batch has committed. The
   * checks made here (the session exists, the voter has an identity it accepts) need no
   * database; the window, the votable entries, duplicates and limits are decided by the batch
   * statement against the rows themselves.
   */
  async cast(vote: CastVote, presented: PresentedIdentity): Promise<VoteReceipt> {
    // The hot path waits for nothing but the batch: a cached session, a device token checked
    // in memory.
    this.metrics.voteReceived();
    let cached = this.live.peek(vote.sessionId);
    if (!cached) {
      try {
        cached = (await this.live.get(vote.sessionId)) ?? undefined;
      } catch {
        this.metrics.voteAnswered('unavailable');
        throw retryable('voting.unavailable');
      }
    }
    if (!cached) {
      this.metrics.voteAnswered('no_session');
      throw AppError.notFound('voting.session_not_found');
    }
    const accepted = cached.session.policy.identities;
    const known = this.identities.voterKeyNow(accepted, presented);
    const voterKey =
      known !== undefined ? known : await this.identities.voterKey(accepted, presented);
    if (!voterKey) {
      this.metrics.voteAnswered('identity_required');
      throw AppError.unauthorized('voting.identity_required', { accepted: accepted.join(', ') });
    }
    const now = Date.now();
    const reasons = this.integrity.assess(
      {
        sessionId: vote.sessionId,
        voteId: vote.voteId,
        voterKey,
        ip: vote.ip,
        fingerprint: vote.fingerprint,
        elapsedMs: this.elapsed(presented.deviceToken, voterKey, vote.elapsedMs, now),
        deviceId: voterKey.startsWith('d:') ? voterKey.slice(2) : null,
        phone: voterKey.startsWith('p:') ? voterKey.slice(2) : null,
      },
      now,
    );
    const result = await this.batcher.submit({
      id: vote.voteId,
      sessionId: vote.sessionId,
      entryId: vote.entryId,
      voterKey,
      channel: vote.channel,
      flags: reasons.length ? reasons.join(',') : '',
    });
    this.metrics.voteAnswered(result.kind);
    switch (result.kind) {
      case 'counted':
      case 'duplicate': {
        // Built in place (the answer of every vote): voteId, status, receipt?, held?.
        const receipt: VoteReceipt = {
          voteId: vote.voteId,
          status: result.kind === 'counted' ? 'counted' : 'already_counted',
        };
        if (result.batchHash)
          receipt.receipt = formatReceipt(receiptCode(vote.voteId, result.batchHash));
        if (result.kind === 'counted' && result.held) receipt.held = true;
        return receipt;
      }
      case 'mismatch':
        throw AppError.conflict('voting.idempotency_mismatch');
      case 'no_session':
        throw AppError.notFound('voting.session_not_found');
      case 'closed':
        throw AppError.conflict('voting.window_closed', { state: result.state });
      case 'not_votable':
        throw AppError.conflict('voting.entry_not_votable');
      case 'limit_entry':
        throw AppError.conflict('voting.limit_reached', { kind: 'entry', limit: result.perEntry });
      case 'limit_session':
        throw AppError.conflict('voting.limit_reached', {
          kind: 'session',
          limit: result.perSession,
        });
      case 'limit_day':
        throw AppError.conflict('voting.limit_reached', { kind: 'day', limit: result.perDay });
      case 'busy':
        throw retryable('voting.busy', 2);
      default:
        throw retryable('voting.unavailable');
    }
  }

  /**
   * A new device token, unless this address (IPv6: its /64) or this browser fingerprint has
   * been issued as many as allowed in the window (VOTING_DEVICE_TOKENS_PER_IP,
   * VOTING_DEVICE_TOKENS_PER_FINGERPRINT, VOTING_DEVICE_TOKEN_WINDOW_SECONDS): then 429
   * voting.device_tokens_limited with Retry-After. Counted in the database, so instances agree.
   */
  async issueDeviceToken(ip: string, fingerprint: string | null) {
    const v = this.config.voting;
    const address = normalizeIp(ip);
    const keys = [`i:${address.includes(':') ? subnetOf(address) : address}`];
    const limits = [v.deviceTokensPerIp];
    if (fingerprint) {
      keys.push(`f:${fingerprint}`);
      limits.push(v.deviceTokensPerFingerprint);
    }
    const wait = await this.repository.countDeviceToken(keys, limits, v.deviceTokenWindowSeconds);
    if (wait !== null) throw AppError.tooManyRequests(wait, 'voting.device_tokens_limited');
    return this.devices.issue();
  }

  /**
   * How long after the voter's page appeared the vote came, for the too-fast signal: by the
   * server's clock, since it issued the device token the vote carries (the voting page gets
   * one as it loads); the client's own figure (X-Page-Elapsed, `elapsedMs`) counts only when it
   * is shorter. Null when neither is known (a member or phone voter without a device token,
   * saying nothing). Costs a parse of the token's time (its signature was checked already for
   * a device voter; for a member or phone voter with a device token it is checked here).
   */
  private elapsed(
    deviceToken: string | null | undefined,
    voterKey: string,
    client: number | null | undefined,
    now: number,
  ): number | null {
    let server: number | null = null;
    if (deviceToken && (voterKey.charCodeAt(0) === 0x64 || this.devices.verify(deviceToken, now))) {
      const issued = this.devices.issuedAt(deviceToken);
      if (issued !== null) server = now > issued ? now - issued : 0;
    }
    if (typeof client === 'number' && client >= 0 && (server === null || client < server))
      return client;
    return server;
  }

  /** Operational figures (only served when VOTING_STATS_ENDPOINT is on). */
  stats() {
    if (!this.statsEnabled) throw AppError.notFound();
    const times = [...this.live.broadcastMs];
    // With --expose-gc, memory is measured after a full collection (steady-state figures).
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) gc();
    const memory = process.memoryUsage();
    // V8's young generation: a pool that grows to its cap under any sustained allocation (a
    // burst of connections, a vote flow) and stays; per-viewer figures leave it out.
    const young = getHeapSpaceStatistics()
      .filter((space) => space.space_name.startsWith('new_'))
      .reduce((sum, space) => sum + space.physical_space_size, 0);
    return {
      queued: this.batcher.queued,
      batches: { ...this.batcher.figures },
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      youngGenerationBytes: young,
      sockets: this.live.localSockets(),
      broadcasts: this.live.broadcastCount,
      broadcastMs: times,
    };
  }

  // ---- sessions ------------------------------------------------------------------------------

  async create(dto: CreateVotingSessionDto, actor: Principal): Promise<VotingSessionView> {
    await this.access.assertOrganizer(actor, dto.contestId);
    const round = await this.access.getRound(dto.roundId);
    if (round.contestId !== dto.contestId)
      throw AppError.validation([{ field: 'roundId', code: 'voting.round_not_in_contest' }]);
    // Votes cast now could never count: the round's result keeps the votes it was fixed with.
    if (round.resultsFixedAt) throw AppError.conflict('voting.round_results_fixed');
    this.assertSchedule(dto.opensAt ?? null, dto.closesAt ?? null);
    const entryIds = await this.votable(dto.contestId, dto.roundId, dto.entryIds);
    const policy = this.policy(dto.policy);
    const found = await this.repository.transaction(async (m) => {
      const session = await this.repository.insertSession(
        m,
        {
          contestId: dto.contestId,
          roundId: dto.roundId,
          title: dto.title,
          state: VotingSessionState.Scheduled,
          opensAt: dto.opensAt ?? null,
          closesAt: dto.closesAt ?? null,
          mode: dto.mode ?? VotingMode.All,
          onStageEntryId: null,
          policy,
          dayKeys: dayLimitMayBind(policy, entryIds.length),
          entriesEver: entryIds.length,
          hideTallies: dto.hideTallies ?? false,
          createdBy: actor.id,
        },
        entryIds,
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'voting.session_created',
          subjectType: 'voting_session',
          subjectId: session.id,
          contestId: dto.contestId,
          after: { title: dto.title, policy: session.policy, entryIds },
        },
        m,
      );
      return (await this.repository.findSession(session.id, m))!;
    });
    return this.live.changed(found);
  }

  /** The sessions of a contest (or of one of its rounds), oldest first (organizers). */
  async list(contestId: string, roundId: string | undefined, actor: Principal) {
    await this.access.assertOrganizer(actor, contestId);
    const out: VotingSessionView[] = [];
    for (const session of await this.repository.listByRound(contestId, roundId)) {
      const cached = await this.live.get(session.id);
      if (cached) out.push(VotingSessionView.of(cached.session, cached.entryIds, cached.timeZone));
    }
    return out;
  }

  async view(id: string): Promise<VotingSessionView> {
    const cached = await this.live.get(id);
    if (!cached) throw AppError.notFound('voting.session_not_found');
    return VotingSessionView.of(cached.session, cached.entryIds, cached.timeZone);
  }

  async tallies(id: string, principal: Principal | null) {
    const admin = await this.live.mayManage(principal, id);
    const snapshot = await this.live.snapshot(id, admin);
    return snapshot.tally;
  }

  async recount(id: string, actor: Principal) {
    await this.assertManager(id, actor);
    const [stored, tallies] = await Promise.all([
      this.repository.recount(id),
      this.repository.tallies([id]),
    ]);
    const shown = tallies.get(id)!;
    const entries = new Set([...stored.keys(), ...shown.keys()]);
    const mismatches = [...entries].filter((e) => (stored.get(e) ?? 0) !== (shown.get(e) ?? 0));
    return {
      stored: Object.fromEntries(stored),
      tallies: Object.fromEntries(shown),
      equal: mismatches.length === 0,
    };
  }

  update(id: string, dto: UpdateVotingSessionDto, actor: Principal) {
    return this.change(id, actor, 'voting.session_updated', async (session, m) => {
      const opensAt = dto.opensAt !== undefined ? dto.opensAt : session.opensAt;
      const closesAt = dto.closesAt !== undefined ? dto.closesAt : session.closesAt;
      this.assertSchedule(opensAt, closesAt);
      const patch: Partial<VotingSession> = {};
      if (dto.title !== undefined) patch.title = dto.title;
      if (dto.opensAt !== undefined) patch.opensAt = dto.opensAt;
      if (dto.closesAt !== undefined) patch.closesAt = dto.closesAt;
      if (dto.mode) patch.mode = dto.mode;
      let entriesEver = session.entriesEver;
      if (dto.entryIds) {
        await this.votable(session.contestId, session.roundId, dto.entryIds, m);
        entriesEver += await this.repository.replaceEntries(m, id, dto.entryIds);
        if (entriesEver !== session.entriesEver) patch.entriesEver = entriesEver;
        if (session.onStageEntryId && !dto.entryIds.includes(session.onStageEntryId))
          patch.onStageEntryId = null;
      }
      const policy = dto.policy ? this.policy(dto.policy) : session.policy;
      if (dto.policy) patch.policy = policy;
      const keys = keysAfterChange(session, policy, entriesEver);
      if (keys.dayKeys !== session.dayKeys) patch.dayKeys = keys.dayKeys;
      // The votes already cast get their slots in the background, after this change commits
      // (see SlotBackfiller); until then the batch statement keeps those slots free.
      const limited = limitedBits(policy, keys.dayKeys);
      const wanted = keys.backfill ? slotBits(keys.backfill) & limited : 0;
      const pending = (session.slotsPending & limited) | wanted;
      if (pending !== session.slotsPending) patch.slotsPending = pending;
      if (wanted) patch.slotsPendingSeq = session.slotsPendingSeq + 1;
      return patch;
    }).then((view) => {
      this.backfiller.start(id);
      return view;
    });
  }

  act(id: string, action: SessionAction, actor: Principal) {
    return this.change(id, actor, `voting.session_${action}`, (session) => {
      const state = stateAfter(session.state, action);
      if (state !== VotingSessionState.Open) return Promise.resolve({ state });
      const now = new Date();
      const patch: Partial<VotingSession> = { state };
      if (session.opensAt && session.opensAt > now) patch.opensAt = now;
      if (session.closesAt && session.closesAt <= now) patch.closesAt = null;
      return Promise.resolve(patch);
    });
  }

  stage(id: string, entryId: string | null, actor: Principal) {
    return this.change(id, actor, 'voting.stage_switched', async (session, m) => {
      if (entryId) {
        const found = await this.repository.findSession(id, m);
        if (!found!.entryIds.includes(entryId))
          throw AppError.badRequest('voting.entry_not_in_session');
        // Withdrawn, disqualified or moved out of the round since the list was made.
        const still = await this.repository.votableEntries(
          session.contestId,
          session.roundId,
          [entryId],
          m,
        );
        if (!still.length) throw AppError.badRequest('voting.entry_not_in_round', { entryId });
      }
      return { onStageEntryId: entryId };
    });
  }

  visibility(id: string, hideTallies: boolean, actor: Principal) {
    return this.change(id, actor, 'voting.visibility_changed', () =>
      Promise.resolve({ hideTallies }),
    );
  }

  private async change(
    id: string,
    actor: Principal,
    action: string,
    work: (session: VotingSession, m: EntityManager) => Promise<Partial<VotingSession>>,
  ): Promise<VotingSessionView> {
    await this.assertManager(id, actor);
    const found = await this.repository.transaction(async (m) => {
      const session = await this.repository.lockSession(m, id);
      if (!session) throw AppError.notFound('voting.session_not_found');
      // A closed session's state is the state machine's to refuse (stateAfter); what it shows
      // may still change; nothing else may.
      const afterClose = [
        'voting.session_open',
        'voting.session_pause',
        'voting.session_close',
        'voting.visibility_changed',
      ];
      if (session.state === VotingSessionState.Closed && !afterClose.includes(action))
        throw AppError.conflict('voting.session_closed');
      const patch = await work(session, m);
      await this.repository.updateSession(m, id, patch);
      await this.audit.record(
        {
          actorId: actor.id,
          action,
          subjectType: 'voting_session',
          subjectId: id,
          contestId: session.contestId,
          before: {
            state: session.state,
            onStageEntryId: session.onStageEntryId,
            hideTallies: session.hideTallies,
          },
          after: patch,
        },
        m,
      );
      return (await this.repository.findSession(id, m))!;
    });
    return this.live.changed(found);
  }

  private policy(dto: VotingPolicyDto): VotingPolicy {
    if (!dto.identities?.length) throw AppError.badRequest('voting.identity_kinds_required');
    return {
      perEntry: dto.perEntry ?? null,
      perSession: dto.perSession ?? null,
      perDay: dto.perDay ?? null,
      identities: dto.identities,
    };
  }

  private assertSchedule(opensAt: Date | null, closesAt: Date | null): void {
    if (opensAt && closesAt && closesAt <= opensAt)
      throw AppError.badRequest('voting.invalid_schedule');
  }

  /**
   * The entries a session of the round may offer: each of `entryIds` must be an entry of the
   * contest, active in the round and submitted or later (all such entries when none are given).
   */
  private async votable(
    contestId: string,
    roundId: string,
    entryIds?: string[],
    manager?: EntityManager,
  ) {
    const found = await this.repository.votableEntries(contestId, roundId, entryIds, manager);
    if (entryIds && found.length !== entryIds.length) {
      const ok = new Set(found);
      const refused = entryIds.filter((e) => !ok.has(e));
      throw AppError.validation(
        refused.slice(0, 20).map((entryId) => ({
          field: `entryIds[${entryIds.indexOf(entryId)}]`,
          code: 'voting.entry_not_in_round',
          params: { entryId },
        })),
      );
    }
    if (!found.length) throw AppError.conflict('voting.round_has_no_entries');
    return found;
  }

  private async assertManager(sessionId: string, actor: Principal): Promise<void> {
    if (!(await this.live.mayManage(actor, sessionId))) {
      const exists = await this.live.get(sessionId);
      if (!exists) throw AppError.notFound('voting.session_not_found');
      throw AppError.forbidden('voting.not_organizer');
    }
  }
}
