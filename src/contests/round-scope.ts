/**
 * The unit a round's scope puts an entry under: the ancestor of the entry's unit at the round's
 * scope depth (a round scoped to the commune depth runs once per commune), or null when the
 * round is not scoped by unit (one group for the whole round). An entry whose unit sits above
 * that depth is under its own unit. `unitPath` is the unit's materialized path (`id/id/…/`).
 */
export function scopeUnitOf(unitPath: string, scopeDepth: number | null): string | null {
  if (scopeDepth === null) return null;
  const path = unitPath.split('/').filter(Boolean);
  return path[scopeDepth] ?? path[path.length - 1] ?? null;
}
