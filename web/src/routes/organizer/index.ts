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
    '/invite/:code?': wrap({ asyncComponent: () => import('./Invite.svelte'), conditions: [member] }),
  };
}
