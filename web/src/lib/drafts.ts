import { createStore, del, get, set } from 'idb-keyval';

/**
 * Entry drafts kept on this device until the service has them: IndexedDB (through idb-keyval),
 * which outlives a closed browser, does not block the page while writing and holds far more than
 * localStorage. A device that refuses storage (a private window that is full) still works: the
 * draft is then only on the service, as soon as it is saved there.
 */
const store = createStore('hoithi', 'drafts');

export interface EntryDraft {
  title: string;
  summary: string;
  members: { name: string; role?: string | null }[];
  /** Absent in drafts kept before the contact was asked for here. */
  contact?: { name: string; phone: string; email: string };
}

export const keepDraft = (id: string, draft: EntryDraft): Promise<void> =>
  set(`entry:${id}`, draft, store).catch(() => undefined);

export const keptDraft = (id: string): Promise<EntryDraft | undefined> =>
  get<EntryDraft>(`entry:${id}`, store).catch(() => undefined);

export const dropDraft = (id: string): Promise<void> =>
  del(`entry:${id}`, store).catch(() => undefined);
