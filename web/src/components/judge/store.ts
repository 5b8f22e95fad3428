import { createStore, del, entries, get, set } from 'idb-keyval';
import type { JudgeEntry, LocalSheet, Queue } from './types';

/**
 * The judge's things kept on the device (IndexedDB): sheets being written (until the service
 * has them) and the last copy of each queue and entry (to keep working after a reload offline).
 */
const db = createStore('hoithi-judge', 'kv');

const sheetKey = (roundId: string, entryId: string) => `sheet:${roundId}:${entryId}`;

export const readSheet = (roundId: string, entryId: string) =>
  get<LocalSheet>(sheetKey(roundId, entryId), db);

export const writeSheet = (s: LocalSheet) => set(sheetKey(s.roundId, s.entryId), s, db);

export const dropSheet = (roundId: string, entryId: string) => del(sheetKey(roundId, entryId), db);

/** Every sheet on the device not yet sent. */
export async function pendingSheets(): Promise<LocalSheet[]> {
  return (await entries<string, LocalSheet>(db))
    .filter(([k, v]) => k.startsWith('sheet:') && v.pending)
    .map(([, v]) => v);
}

export const keepQueue = (q: Queue) => set(`queue:${q.roundId}`, q, db);
export const keptQueue = (roundId: string) => get<Queue>(`queue:${roundId}`, db);
export const keepEntry = (e: JudgeEntry) => set(`entry:${e.roundId}:${e.entryId}`, e, db);
export const keptEntry = (roundId: string, entryId: string) =>
  get<JudgeEntry>(`entry:${roundId}:${entryId}`, db);
export const forgetEntry = (roundId: string, entryId: string) =>
  del(`entry:${roundId}:${entryId}`, db);

export const keepRounds = (rounds: unknown) => set('rounds', rounds, db);
export const keptRounds = <T>() => get<T>('rounds', db);
