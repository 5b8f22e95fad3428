import { api, type EntrySummary, type Schemas } from '../../api/client';

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

/**
 * The screening queue of one contest: filters, the pages loaded so far (the service pages by
 * cursor, so a national round of thousands shows only what was scrolled to), the selection,
 * and the live changes of entries (`entry.changed` in the contest's room).
 */
export class ScreeningQueue {
  filters = $state<QueueFilters>({ status: 'submitted', categoryId: '', unitId: '', q: '' });
  items = $state<EntrySummary[]>([]);
  next = $state<string | null>(null);
  loading = $state(false);
  failed = $state(false);
  selected = $state<Record<string, boolean>>({});
  /** Entries submitted (or changed) since the list was read, not shown yet. */
  arrived = $state(0);
  /** Set when a load ends: the time it took (ms), for the benchmark. */
  lastLoadMs = $state(0);
  private asked = 0;

  constructor(readonly contestId: string) {}

  selectedIds(): string[] {
    return this.items.filter((e) => this.selected[e.id]).map((e) => e.id);
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
      this.items = data.items;
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

  /** Appends the next page, if any. */
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
      this.items = [...this.items, ...data.items.filter((e) => !known.has(e.id))];
      this.next = data.nextCursor ?? null;
    } catch {
      if (mine === this.asked) this.failed = true;
    } finally {
      if (mine === this.asked) this.loading = false;
    }
  }

  /** A change of one entry (from the room, or made here): updated in place, or counted as new. */
  changed(e: { entryId: string; status: EntryStatus; previousStatus?: EntryStatus | null }): void {
    const row = this.items.find((x) => x.id === e.entryId);
    if (row) row.status = e.status;
    else if (e.status === 'submitted' && (!this.filters.status || this.filters.status === 'submitted'))
      this.arrived += 1;
  }

  /** Screens the chosen entries with one decision; answers what became of each. */
  async screen(
    entryIds: string[],
    decision: 'eligible' | 'returned' | 'disqualified',
    reason?: string,
  ): Promise<{ outcomes: BulkOutcome[]; error?: unknown }> {
    const { data, error } = await api.POST('/contests/{contestId}/entries/screen', {
      params: { path: { contestId: this.contestId } },
      body: { entryIds, decision, ...(reason ? { reason } : {}) },
    });
    if (!data) return { outcomes: [], error };
    for (const o of data.results) {
      if (o.status) this.changed({ entryId: o.entryId, status: o.status });
      if (o.status) delete this.selected[o.entryId];
    }
    return { outcomes: data.results };
  }
}
