import type { RouteDefinition } from 'svelte-spa-router';
import { wrap } from 'svelte-spa-router/wrap';

/**
 * The organizer's console (each screen its own lazily loaded chunk under routes/organizer/),
 * spread into the app's routes. Conditions: the `member` guard the app passes in; the service
 * answers what each account may see or change.
 */
export function organizerRoutes(member: () => boolean): RouteDefinition {
  return {
    '/console': wrap({ asyncComponent: () => import('./Console.svelte'), conditions: [member] }),
    '/console/contests/new': wrap({
      asyncComponent: () => import('./NewContest.svelte'),
      conditions: [member],
    }),
    '/console/contests/:id/setup': wrap({
      asyncComponent: () => import('./Setup.svelte'),
      conditions: [member],
    }),
    '/console/contests/:id/people': wrap({
      asyncComponent: () => import('./People.svelte'),
      conditions: [member],
    }),
    '/console/units': wrap({ asyncComponent: () => import('./Units.svelte'), conditions: [member] }),
    '/console/audit': wrap({ asyncComponent: () => import('./Audit.svelte'), conditions: [member] }),
    // running a contest: screening, judging, results, public vote
    '/console/contests/:id/screening': wrap({
      asyncComponent: () => import('./Screening.svelte'),
      conditions: [member],
    }),
    '/console/contests/:id/judging': wrap({
      asyncComponent: () => import('./Judging.svelte'),
      conditions: [member],
    }),
    '/console/contests/:id/results': wrap({
      asyncComponent: () => import('./Results.svelte'),
      conditions: [member],
    }),
    '/console/contests/:id/results/:roundId/print': wrap({
      asyncComponent: () => import('./ResultsPrint.svelte'),
      conditions: [member],
    }),
    '/console/contests/:id/voting': wrap({
      asyncComponent: () => import('./Voting.svelte'),
      conditions: [member],
    }),
  };
}
