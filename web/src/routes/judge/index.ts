import type { RouteDefinition } from 'svelte-spa-router';
import { wrap } from 'svelte-spa-router/wrap';

/**
 * The judge's screens (each its own lazily loaded chunk under routes/judge/), spread into the
 * app's routes. Conditions: the `member` guard the app passes in.
 */
export function judgeRoutes(member: () => boolean): RouteDefinition {
  return {
    '/judge': wrap({ asyncComponent: () => import('./Home.svelte'), conditions: [member] }),
    '/judge/rounds/:roundId': wrap({ asyncComponent: () => import('./Round.svelte'), conditions: [member] }),
    '/judge/rounds/:roundId/entries/:entryId': wrap({
      asyncComponent: () => import('./Entry.svelte'),
      conditions: [member],
    }),
  };
}
