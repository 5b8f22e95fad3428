import { api, type OrgUnit } from '../api/client';

/**
 * Searching the unit tree as someone types (the unit picker, the console's unit filter): asks
 * the service a moment after the last key, from two letters on, with or without diacritics; an
 * answer to older words than the latest is dropped.
 */
export class UnitSearch {
  query = $state('');
  results = $state<OrgUnit[]>([]);
  searching = $state(false);
  failed = $state(false);
  /** the words the results shown answer (no "none found" before the service has answered) */
  answered = $state('');
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;

  /** @param exclude units left out of the results (the unit being moved, …) */
  constructor(private readonly exclude: () => string[] = () => []) {}

  /** Nothing matches the words typed, as the service answered. */
  get none(): boolean {
    const q = this.query.trim();
    return q.length >= 2 && this.answered === q && this.results.length === 0;
  }

  /** The words changed: ask again shortly. */
  input(): void {
    clearTimeout(this.timer);
    const q = this.query.trim();
    if (q.length < 2) {
      this.results = [];
      return;
    }
    this.timer = setTimeout(() => void this.ask(q), 250);
  }

  /** A unit was chosen: the search starts over. */
  reset(): void {
    clearTimeout(this.timer);
    this.results = [];
    this.query = '';
  }

  private async ask(q: string): Promise<void> {
    const mine = ++this.asked;
    this.searching = true;
    this.failed = false;
    try {
      const { data } = await api.GET('/org-units', { params: { query: { q, limit: 8 } } });
      if (mine !== this.asked) return;
      const left = this.exclude();
      this.results = (data?.items ?? []).filter((u) => !left.includes(u.id));
      this.answered = q;
    } catch {
      if (mine === this.asked) this.failed = true;
    } finally {
      if (mine === this.asked) this.searching = false;
    }
  }
}
