import type { RouteDefinition } from 'svelte-spa-router';

/**
 * The organizer's console (each screen its own lazily loaded chunk under routes/organizer/),
 * spread into the app's routes. Conditions: the `member` guard the app passes in.
 */
export function organizerRoutes(_member: () => boolean): RouteDefinition {
  return {};
}
