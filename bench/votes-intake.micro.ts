/**
 * node dist/bench/votes-intake.micro.js — CPU time per vote of the application's own socket
 * vote path, in process and without sockets or a database: the `vote:cast` listener of the
 * voting gateway (validation, device token, fraud signals, batcher, receipt, acknowledgement
 * object) with a repository whose batch statement answers at once, and socket.io's encoding of
 * each acknowledgement. The loads mirror `npm run bench:votes` (a new device token per vote,
 * 5% duplicates); MICRO_PUBLIC_IPS=1 gives the sockets public addresses (fraud crowds on).
 * Prints microseconds of process CPU per vote (user + system), best of MICRO_ROUNDS rounds.
 */
import { Metrics } from '../src/metrics/metrics.service';
import { randomBytes, randomUUID } from 'node:crypto';
import { Encoder, PacketType } from 'socket.io-parser';
import { loadConfig } from '../src/config/config';
import { VoteIntegrityService } from '../src/vote-integrity/vote-integrity.service';
import type { BatchOutcome, BatchVote } from '../src/voting/voting.repository';
import {
  DeviceTokens,
  NoVerifiedPhones,
  VoterIdentityResolver,
} from '../src/voting/voter-identity';
import { VotingGateway } from '../src/voting/voting.gateway';
import { VotingService } from '../src/voting/voting.service';

const VOTES = Number(process.env.MICRO_VOTES ?? 200_000);
const ROUNDS = Number(process.env.MICRO_ROUNDS ?? 5);
const SOCKETS = 60;
const WINDOW = 50;
const PUBLIC_IPS = process.env.MICRO_PUBLIC_IPS === '1';

const secret = randomBytes(32).toString('hex');
const config = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://127.0.0.1/none',
  JWT_SECRET: secret,
  VOTING_DEVICE_SECRET: secret,
  DATA_DIR: '/tmp',
});
const sessionId = randomUUID();
const entryIds = Array.from({ length: 10 }, () => randomUUID());
const session = {
  id: sessionId,
  policy: { perEntry: 1, perSession: null, perDay: 50, identities: ['device'] },
};
const hash = randomBytes(32).toString('hex');
const day = new Date().toISOString().slice(0, 10);

/** Answers like the batch statement: counted (a day slot taken) or duplicate when seen. */
const stored = new Set<string>();
const repository = {
  castBatch(votes: BatchVote[]): Promise<BatchOutcome[]> {
    const out = votes.map((v): BatchOutcome => {
      const dup = stored.has(v.id);
      if (!dup) stored.add(v.id);
      return {
        kind: dup ? 'duplicate' : 'counted',
        state: 'open',
        perEntry: 1,
        perSession: null,
        perDay: 50,
        entrySlot: dup ? null : 0,
        sessionSlot: null,
        daySlot: dup ? null : (v.daySlot ?? 0),
        day: dup ? null : day,
        batchHash: hash,
        held: false,
      };
    });
    return new Promise((resolve) => setImmediate(() => resolve(out)));
  },
  synchronousCommit: () => Promise.resolve('on'),
};
const live = {
  peek: () => ({ session, entryIds, timeZone: 'Asia/Ho_Chi_Minh', wasOpen: true, usedAt: 0 }),
  committed: () => undefined,
};
const devices = new DeviceTokens(config);
const identities = new VoterIdentityResolver(devices, new NoVerifiedPhones());
const integrity = new VoteIntegrityService(
  { contestOf: () => Promise.resolve(null) } as never,
  {} as never,
  {} as never,
  config,
);
const service = new VotingService(
  repository as never,
  live as never,
  identities,
  devices,
  {} as never,
  {} as never,
  integrity,
  config,
  new Metrics(),
);
const gateway = new VotingGateway(service);
const encoder = new Encoder();

interface FakeSocket {
  id: string;
  data: { principal: null; locale: 'vi'; violations: number };
  handshake: { auth: Record<string, unknown>; address: string };
  on(event: string, fn: (...a: unknown[]) => void): void;
  listener?: (this: FakeSocket, payload: unknown, ack: unknown) => void;
}

const sockets: FakeSocket[] = Array.from({ length: SOCKETS }, (_, i) => ({
  id: String(i),
  data: { principal: null, locale: 'vi', violations: 0 },
  handshake: { auth: {}, address: '127.0.0.1' },
  on(this: FakeSocket, event: string, fn: (...a: unknown[]) => void) {
    if (event === 'vote:cast') this.listener = fn;
  },
}));
for (const s of sockets) gateway.handleConnection(s as never);

/** The votes of one round, as socket.io hands them over (parsed JSON), made beforehand. */
function votes(n: number): unknown[] {
  const recent: string[] = [];
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    let text: string;
    if (recent.length > 100 && Math.random() < 0.05)
      text = recent[Math.floor(Math.random() * recent.length)];
    else {
      text = JSON.stringify({
        sessionId,
        voteId: randomUUID(),
        entryId: entryIds[i % entryIds.length],
        // Issued a minute before: a viewer who opened the page earlier (not a too-fast vote).
        voterToken: devices.issue(Date.now() - 60_000).token,
      });
      if (recent.length < 10_000) recent.push(text);
    }
    out.push(JSON.parse(text));
  }
  return out;
}

async function round(payloads: unknown[]): Promise<{ us: number; counted: number }> {
  let next = 0;
  let acked = 0;
  let counted = 0;
  const t0 = process.cpuUsage();
  await new Promise<void>((done) => {
    // Sockets whose vote was answered send their next one later, as the network would (a
    // client's next vote never arrives inside the server's answer).
    let ready: FakeSocket[] = [];
    const later = () => {
      const list = ready;
      ready = [];
      for (const s of list) send(s);
    };
    const send = (s: FakeSocket) => {
      if (next >= payloads.length) return;
      const id = next;
      // Public addresses: spread over many /24s, so that no key trips.
      if (PUBLIC_IPS)
        s.handshake.address = `::ffff:203.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}`;
      s.listener!.call(s, payloads[next++], (ack: { ok: boolean; data?: { status: string } }) => {
        // What socket.io does with the answer: one ACK packet, encoded.
        encoder.encode({ type: PacketType.ACK, nsp: '/', id, data: [ack] });
        if (ack.ok && ack.data?.status === 'counted') counted++;
        if (++acked === payloads.length) return done();
        if (ready.push(s) === 1) setImmediate(later);
      });
    };
    for (const s of sockets) for (let w = 0; w < WINDOW; w++) send(s);
  });
  const used = process.cpuUsage(t0);
  return { us: (used.user + used.system) / payloads.length, counted };
}

async function main(): Promise<void> {
  const results: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const payloads = votes(VOTES);
    (globalThis as { gc?: () => void }).gc?.();
    const { us, counted } = await round(payloads);
    results.push(us);
    const f = service.batcher.figures;
    process.stderr.write(
      `round ${r + 1}: ${us.toFixed(2)} µs/vote (${counted} counted, ${(f.votes / f.batches).toFixed(0)} votes per batch)\n`,
    );
  }
  await service.onApplicationShutdown();
  const best = Math.min(...results);
  const sorted = [...results].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'votes-intake-micro',
      publicIps: PUBLIC_IPS,
      usPerVoteBest: Math.round(best * 100) / 100,
      usPerVoteMedian: Math.round(sorted[Math.floor(sorted.length / 2)] * 100) / 100,
    }),
  );
}

void main();
