import { api, errorText } from '../../api/client';
import { t } from '../../i18n/index.svelte';
import { dropSheet, pendingSheets, readSheet, writeSheet } from './store';
import type { LocalSheet, Sheet } from './types';

export type SendState = 'local' | 'sending' | 'sent' | 'conflict' | 'refused';

/**
 * Sheets on their way to the service. A change is written to the device first (IndexedDB), then
 * sent, one at a time, with the version of the sheet it was made on; after a drop it is sent when
 * the network is back (or the page is opened again). A sheet the service holds in a newer version
 * from another device is never overwritten silently: both are shown and the judge chooses.
 */
export const outbox = $state<{
  states: Record<string, { state: SendState; message?: string; sentAt?: number }>;
  pending: number;
}>({ states: {}, pending: 0 });

const keyOf = (s: { roundId: string; entryId: string }) => `${s.roundId}:${s.entryId}`;

/** The latest sheet the service answered, by entry, for the screen showing it. */
export const served = $state<Record<string, Sheet>>({});

let chain: Promise<unknown> = Promise.resolve();
const serial = <T>(job: () => Promise<T>): Promise<T> => {
  const next = chain.then(job, job);
  chain = next.catch(() => undefined);
  return next;
};

async function countPending(): Promise<void> {
  outbox.pending = (await pendingSheets()).filter((s) => !s.conflict).length;
}

const sameContent = (a: LocalSheet, b: Sheet) =>
  JSON.stringify(sorted(a.scores)) === JSON.stringify(sorted(b.scores)) &&
  a.comment === b.comment &&
  JSON.stringify(sorted(a.criterionComments)) === JSON.stringify(sorted(b.criterionComments)) &&
  (!a.submit || b.status === 'submitted');

function sorted<T>(o: Record<string, T>): [string, T][] {
  return Object.entries(o)
    .filter(([, v]) => v !== '' && v !== undefined && v !== null)
    .sort(([x], [y]) => (x < y ? -1 : 1));
}

async function fetchSheet(roundId: string, entryId: string): Promise<Sheet | null> {
  const { data } = await api.GET('/judging/rounds/{roundId}/entries/{entryId}/sheet', {
    params: { path: { roundId, entryId } },
  });
  return data ?? null;
}

/** Sends one kept sheet (the newest copy on the device); what became of it. */
function sendOne(roundId: string, entryId: string): Promise<SendState> {
  return serial(async () => {
    const local = await readSheet(roundId, entryId);
    const key = keyOf({ roundId, entryId });
    if (!local || !local.pending || local.conflict) return outbox.states[key]?.state ?? 'sent';
    outbox.states[key] = { state: 'sending' };
    let res;
    try {
      res = await api.PUT('/judging/rounds/{roundId}/entries/{entryId}/sheet', {
        params: { path: { roundId, entryId } },
        body: {
          scores: local.scores,
          comment: local.comment,
          criterionComments: local.criterionComments,
          submit: local.submit,
          baseUpdatedAt: local.base,
        },
      });
    } catch {
      outbox.states[key] = { state: 'local' };
      return 'local';
    }
    const latest = (await readSheet(roundId, entryId)) ?? local;
    if (res.data) {
      const sheet = res.data;
      served[key] = sheet;
      // changed again while it was on its way: the newer change goes next, on this version
      const newer = latest.changedAt !== local.changedAt;
      await writeSheet({ ...latest, base: sheet.updatedAt, pending: newer, conflict: null });
      outbox.states[key] = { state: newer ? 'local' : 'sent', sentAt: Date.now() };
      await countPending();
      if (newer) void sendOne(roundId, entryId);
      return 'sent';
    }
    const error = res.error as { code?: string } | undefined;
    if (res.response.status === 409 && error?.code === 'judging.sheet_stale') {
      const current = await fetchSheet(roundId, entryId).catch(() => undefined);
      if (current === undefined) {
        outbox.states[key] = { state: 'local' };
        return 'local';
      }
      // our own change arrived before its answer was lost: it is there, once
      if (current && sameContent(latest, current)) {
        served[key] = current;
        await writeSheet({ ...latest, base: current.updatedAt, pending: false, conflict: null });
        outbox.states[key] = { state: 'sent', sentAt: Date.now() };
        await countPending();
        return 'sent';
      }
      await writeSheet({ ...latest, conflict: current ?? null });
      outbox.states[key] = { state: 'conflict' };
      await countPending();
      return 'conflict';
    }
    if (res.response.status >= 500 || res.response.status === 0) {
      outbox.states[key] = { state: 'local' };
      return 'local';
    }
    // refused for good (closed round, no longer assigned, a score out of range): kept on the
    // device, shown, not sent again until changed
    await writeSheet({ ...latest, pending: false });
    outbox.states[key] = { state: 'refused', message: errorText(res.error, t('judge.sync.refused')) };
    await countPending();
    return 'refused';
  });
}

/** Keeps a change on the device at once and sends it (now, or when the network is back). */
export async function keep(sheet: Omit<LocalSheet, 'pending' | 'conflict' | 'changedAt'>, send = true) {
  const before = await readSheet(sheet.roundId, sheet.entryId);
  const local: LocalSheet = {
    ...sheet,
    base: before ? before.base : sheet.base,
    conflict: before?.conflict ?? null,
    pending: true,
    changedAt: Date.now(),
  };
  await writeSheet(local);
  const key = keyOf(sheet);
  if (outbox.states[key]?.state !== 'conflict') outbox.states[key] = { state: 'local' };
  await countPending();
  if (send && navigator.onLine && !local.conflict) return sendOne(sheet.roundId, sheet.entryId);
  return local.conflict ? 'conflict' : 'local';
}

/** Sends every sheet kept on the device and not yet sent. */
export async function flush(): Promise<void> {
  await countPending();
  for (const s of await pendingSheets()) if (!s.conflict) await sendOne(s.roundId, s.entryId);
}

/** The judge settled a conflict: keep theirs (sent over the newer one) or take the other device's. */
export async function resolve(
  roundId: string,
  entryId: string,
  choice: 'mine' | 'theirs',
): Promise<void> {
  const local = await readSheet(roundId, entryId);
  if (!local) return;
  const other = local.conflict;
  const key = keyOf({ roundId, entryId });
  if (choice === 'theirs') {
    await dropSheet(roundId, entryId);
    if (other) served[key] = other;
    outbox.states[key] = { state: 'sent' };
    await countPending();
    return;
  }
  await writeSheet({ ...local, base: other ? other.updatedAt : null, conflict: null, pending: true });
  await sendOne(roundId, entryId);
}

let started = false;

/** Sends kept sheets now and whenever the network comes back (once per page). */
export function startSync(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void flush());
  // a network that came back without telling (some phones): try again now and then
  setInterval(() => {
    if (navigator.onLine && outbox.pending > 0) void flush();
  }, 20_000);
  void flush();
}

export const sheetKey = keyOf;
