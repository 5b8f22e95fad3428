import type { RouteDefinition } from 'svelte-spa-router';

/**
 * The judge's screens (each its own lazily loaded chunk under routes/judge/), spread into the
 * app's routes. Conditions: the `member` guard the app passes in.
 */
export function judgeRoutes(_member: () => boolean): RouteDefinition {
  return {};
}
