import { api, type EntrySummary, type Schemas } from '../../api/client';
import { matches, searchWords } from './search-key';

export type EntryStatus = Schemas['EntryStatus'];
export type BulkOutcome = Schemas['BulkScreenOutcomeView'];

export interface QueueFilters {
  status: EntryStatus | '';
  categoryId: string;
  unitId: string;
  q: string;
}

/** Rows asked per page: a phone screen five times over; the next page when the end comes near. */
export const PAGE_SIZE = 25;
/** Entries screened by one request (the service's most). */
export const SCREEN_AT_ONCE = 500;
/** Rows per page while the whole contest is read in the background (the service's most). */
export const ALL_PAGE_SIZE = 100;

/**
 * The screening queue of one contest: filters, the rows shown, the selection, and the live
 * changes of entries (`entry.changed` in the contest's room).
 *
 * The first page for the filters comes from the service (25 rows, as fast as it answers), then
 * the whole contest is read in the background (pages of 100; 3,200 entries of a national round
 * are about 1 MB of JSON). Once it is all here, the status, category and search filters are
 * answered here over that list, without a request: each entry's search words (title and unit,
 * folded once) are kept beside it, and the service's search is still asked, after a pause in the
 * typing, for what only it knows (the members' names), whose matches join the list. A unit filter
 * (a whole subtree, which only the service knows) and any filter before the list is complete go
 * to the service, page by page as the end of the list comes near.
 */
export class ScreeningQueue {
  filters = $state<QueueFilters>({ status: 'submitted', categoryId: '', unitId: '', q: '' });
  /**
   * The rows shown, in the list's order (newest first): the array is replaced, never changed in
   * place; each row is live (a change of its status shows).
   */
  items = $state.raw<EntrySummary[]>([]);
  next = $state<string | null>(null);
  loading = $state(false);
  failed = $state(false);
  selected = $state<Record<string, boolean>>({});
  /** Entries submitted (or changed) since the list was read, not shown yet. */
  arrived = $state(0);
  /** Set when a load ends: the time it took (ms), for the benchmark. */
  lastLoadMs = $state(0);
  /** The whole contest has been read: filters are answered here. */
  complete = $state(false);
  /** The whole contest, newest first (rows shared with `items`), once read. */
  private all: { id: string; createdAt: string; row: EntrySummary }[] = [];
  private byId = new Map<string, EntrySummary>();
  /** What the filters read, kept plain beside each live row (reading 3,200 live rows costs). */
  private facts = new Map<string, { status: EntryStatus; categoryId: string; words: string[] }>();
  /** Entries the service's search found for `namesFor` (members' names, not in the keys). */
  private byNames = new Set<string>();
  private namesFor = '';
  private namesTimer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;
  private reading: Promise<void> | null = null;

  constructor(readonly contestId: string) {}

  selectedIds(): string[] {
    return this.items.filter((e) => this.selected[e.id]).map((e) => e.id);
  }

  /** Whether the filters can be answered here (the whole contest read, no unit subtree). */
  get local(): boolean {
    return this.complete && !this.filters.unitId;
  }

  private query(cursor?: string) {
    const f = this.filters;
    return {
      limit: PAGE_SIZE,
      sort: '-createdAt' as const,
      ...(f.status ? { status: f.status } : {}),
      ...(f.categoryId ? { categoryId: f.categoryId } : {}),
      ...(f.unitId ? { unitId: f.unitId, subtree: true } : {}),
      ...(f.q.trim() ? { q: f.q.trim() } : {}),
      ...(cursor ? { cursor } : {}),
    };
  }

  /** Reads the first page for the current filters (a later call wins over an earlier one). */
  async reload(): Promise<void> {
    if (this.local) return this.refilter();
    const mine = ++this.asked;
    const started = performance.now();
    this.loading = true;
    this.failed = false;
    try {
      const { data } = await api.GET('/contests/{contestId}/entries', {
        params: { path: { contestId: this.contestId }, query: this.query() },
      });
      if (mine !== this.asked) return;
      if (!data) throw new Error('refused');
      this.items = data.items.map((e) => this.byId.get(e.id) ?? live(e));
      this.next = data.nextCursor ?? null;
      this.selected = {};
      this.arrived = 0;
    } catch {
      if (mine === this.asked) this.failed = true;
    } finally {
      if (mine === this.asked) {
        this.loading = false;
        this.lastLoadMs = performance.now() - started;
      }
    }
  }

  /** Appends the next page, if any (the service's pages: only while filters go there). */
  async more(): Promise<void> {
    if (!this.next || this.loading) return;
    const mine = ++this.asked;
    this.loading = true;
    try {
      const { data } = await api.GET('/contests/{contestId}/entries', {
        params: { path: { contestId: this.contestId }, query: this.query(this.next) },
      });
      if (mine !== this.asked || !data) return;
      const known = new Set(this.items.map((e) => e.id));
      this.items = [
        ...this.items,
        ...data.items.filter((e) => !known.has(e.id)).map((e) => this.byId.get(e.id) ?? live(e)),
      ];
      this.next = data.nextCursor ?? null;
    } catch {
      if (mine === this.asked) this.failed = true;
    } finally {
      if (mine === this.asked) this.loading = false;
    }
  }

  /**
   * Reads the whole contest in the background, page by page (once; again after a failure). When
   * it is complete, the rows shown are answered from it (unless a unit filter is on).
   */
  readAll(again = false): Promise<void> {
    if (again) this.reading = null;
    this.reading ??= (async () => {
      const rows: EntrySummary[] = [];
      let cursor: string | undefined;
      try {
        do {
          const { data } = await api.GET('/contests/{contestId}/entries', {
            params: {
              path: { contestId: this.contestId },
              query: { limit: ALL_PAGE_SIZE, sort: '-createdAt', ...(cursor ? { cursor } : {}) },
            },
          });
          if (!data) throw new Error('refused');
          rows.push(...data.items);
          cursor = data.nextCursor ?? undefined;
        } while (cursor);
      } catch {
        this.reading = null;
        return;
      }
      this.keep(rows);
      this.complete = true;
      if (!this.local) {
        this.items = this.items.map((e) => this.byId.get(e.id) ?? e);
        return;
      }
      // the rest of the list for the same filters, after the rows shown (which stay, as does the
      // selection, even if their status changed meanwhile); no more pages to ask for
      ++this.asked;
      const shown = new Set(this.items.map((e) => e.id));
      const words = searchWords(this.filters.q.trim(), 8);
      this.items = this.all
        .filter((e) => shown.has(e.id) || this.fits(e.id, words))
        .map((e) => e.row);
      this.next = null;
      this.loading = false;
    })();
    return this.reading;
  }

  /** Takes rows into the whole list (newest first), with their search words. */
  private keep(rows: EntrySummary[]): void {
    for (const raw of rows) {
      const had = this.byId.get(raw.id);
      if (had) {
        this.setStatus(had, raw.status);
        continue;
      }
      // a row of the list, shared by `items`: a live change of its status shows wherever it is
      this.facts.set(raw.id, {
        status: raw.status,
        categoryId: raw.categoryId,
        words: searchWords(`${raw.title} ${raw.unitName ?? ''}`),
      });
      const row = live(raw);
      this.byId.set(raw.id, row);
      this.all.push({ id: raw.id, createdAt: raw.createdAt, row });
    }
    this.all.sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
    );
  }

  private setStatus(row: EntrySummary, status: EntryStatus): void {
    row.status = status;
    const facts = this.facts.get(row.id);
    if (facts) facts.status = status;
  }

  /** Whether a row meets the filters (status, category, search words); not the unit. */
  private fits(id: string, words: string[]): boolean {
    const f = this.filters;
    const e = this.facts.get(id);
    return (
      !!e &&
      (!f.status || e.status === f.status) &&
      (!f.categoryId || e.categoryId === f.categoryId) &&
      (!words.length || matches(e.words, words) || this.byNames.has(id))
    );
  }

  /** The rows for the filters, from the whole list; new entries read first if some arrived. */
  private async refilter(): Promise<void> {
    ++this.asked;
    this.failed = false;
    if (this.arrived) await this.readNewest();
    const q = this.filters.q.trim();
    if (q !== this.namesFor) {
      this.byNames = new Set();
      this.namesFor = '';
    }
    this.show();
    this.selected = {};
    this.arrived = 0;
    this.next = null;
    this.loading = false;
    clearTimeout(this.namesTimer);
    if (q && q !== this.namesFor) this.namesTimer = setTimeout(() => void this.searchNames(q), 300);
  }

  private show(): void {
    const words = searchWords(this.filters.q.trim(), 8);
    this.items = this.all.filter((e) => this.fits(e.id, words)).map((e) => e.row);
  }

  /**
   * The service's search for the same words (it also reads the members' names, which the list
   * does not carry): the entries it finds join the rows shown, in their place.
   */
  private async searchNames(q: string): Promise<void> {
    try {
      const { data } = await api.GET('/contests/{contestId}/entries', {
        params: {
          path: { contestId: this.contestId },
          // the whole contest's matches: the filters are applied here, as to the rest
          query: { limit: ALL_PAGE_SIZE, sort: '-createdAt', q },
        },
      });
      if (!data || q !== this.filters.q.trim() || !this.local) return;
      this.namesFor = q;
      this.byNames = new Set(data.items.map((e) => e.id));
      const shown = new Set(this.items.map((e) => e.id));
      if (data.items.every((e) => shown.has(e.id) || !this.byId.has(e.id))) return;
      const words = searchWords(q, 8);
      // the rows shown stay (their status may have changed since); the service's finds join them
      this.items = this.all
        .filter((e) => shown.has(e.id) || (this.byNames.has(e.id) && this.fits(e.id, words)))
        .map((e) => e.row);
    } catch {
      /* the rows found here stay */
    }
  }

  /** The newest entries (read until one already known): those that arrived since. */
  private async readNewest(): Promise<void> {
    let cursor: string | undefined;
    try {
      for (let page = 0; page < 50; page++) {
        const { data } = await api.GET('/contests/{contestId}/entries', {
          params: {
            path: { contestId: this.contestId },
            query: { limit: PAGE_SIZE, sort: '-createdAt', ...(cursor ? { cursor } : {}) },
          },
        });
        if (!data) throw new Error('refused');
        const known = data.items.some((e) => this.byId.has(e.id));
        this.keep(data.items);
        cursor = data.nextCursor ?? undefined;
        if (known || !cursor) break;
      }
    } catch {
      this.failed = true;
    }
  }

  /** A change of one entry (from the room, or made here): updated in place, or counted as new. */
  changed(e: { entryId: string; status: EntryStatus; previousStatus?: EntryStatus | null }): void {
    const row = this.items.find((x) => x.id === e.entryId);
    const known = this.byId.get(e.entryId);
    if (known) this.setStatus(known, e.status);
    if (row && row !== known) row.status = e.status;
    else if (this.local && known) {
      // in the whole list but not shown: new to these filters
      if (this.fits(e.entryId, searchWords(this.filters.q.trim(), 8))) this.arrived += 1;
    } else if (
      e.status === 'submitted' &&
      (!this.filters.status || this.filters.status === 'submitted')
    )
      this.arrived += 1;
  }

  /**
   * Screens the chosen entries with one decision; answers what became of each. The service takes
   * 500 at a time (a whole national round can be picked): sent in turn, stopping at a refusal,
   * which is answered beside what was done before it.
   */
  async screen(
    entryIds: string[],
    decision: 'eligible' | 'returned' | 'disqualified',
    reason?: string,
  ): Promise<{ outcomes: BulkOutcome[]; error?: unknown }> {
    const outcomes: BulkOutcome[] = [];
    for (let at = 0; at < entryIds.length; at += SCREEN_AT_ONCE) {
      const { data, error } = await api.POST('/contests/{contestId}/entries/screen', {
        params: { path: { contestId: this.contestId } },
        body: {
          entryIds: entryIds.slice(at, at + SCREEN_AT_ONCE),
          decision,
          ...(reason ? { reason } : {}),
        },
      });
      if (!data) return { outcomes, error: error ?? new Error('refused') };
      for (const o of data.results) {
        if (o.status) this.changed({ entryId: o.entryId, status: o.status });
        if (o.status) delete this.selected[o.entryId];
      }
      outcomes.push(...data.results);
    }
    return { outcomes };
  }

  dispose(): void {
    clearTimeout(this.namesTimer);
  }
}

/** A row whose changes show where it is drawn (a live copy of the service's row). */
function live(row: EntrySummary): EntrySummary {
  const copy = $state(row);
  return copy;
}
