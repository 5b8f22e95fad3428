import type { RouteDefinition } from 'svelte-spa-router';
import { wrap } from 'svelte-spa-router/wrap';
import { checkSession, maybeSignedIn } from './lib/session.svelte';

/**
 * Signed in: with a session cookie the screen opens at once (one round trip less on a slow link)
 * while the service is asked in the background; a request the service refuses for want of a
 * session sends the app to the login. Without one the route is refused and the app goes there.
 */
export const member = () => {
  if (!maybeSignedIn()) return false;
  void checkSession();
  return true;
};

/** A role's screens, given the guard for signed-in members. */
export type RoleRoutes = (member: () => boolean) => RouteDefinition;

/**
 * The routes of one bundle: the account screens and the contestant's portal, then the role's
 * own screens. Each bundle is built into one script sent inside its page (see vite.config.mts),
 * so a lazy import here costs no request: it only defers the screen's setup until it is opened.
 */
export function routeTable(roles: RoleRoutes[]): RouteDefinition {
  return {
    '/': wrap({ asyncComponent: () => import('./routes/Home.svelte') }),
    '/login': wrap({ asyncComponent: () => import('./routes/Login.svelte') }),
    '/register': wrap({ asyncComponent: () => import('./routes/Register.svelte') }),
    '/forgot': wrap({ asyncComponent: () => import('./routes/Forgot.svelte') }),
    '/profile': wrap({ asyncComponent: () => import('./routes/Profile.svelte'), conditions: [member] }),
    '/contests': wrap({ asyncComponent: () => import('./routes/Contests.svelte'), conditions: [member] }),
    '/contests/:id': wrap({ asyncComponent: () => import('./routes/Contest.svelte'), conditions: [member] }),
    '/contests/:id/new/:categoryId': wrap({
      asyncComponent: () => import('./routes/NewEntry.svelte'),
      conditions: [member],
    }),
    // the app links an entry under its contest (both are asked for at once); the short form
    // (from a notification, say) asks for the contest once the entry has named it
    '/contests/:contestId/entries/:id': wrap({
      asyncComponent: () => import('./routes/Entry.svelte'),
      conditions: [member],
    }),
    '/entries/:id': wrap({ asyncComponent: () => import('./routes/Entry.svelte'), conditions: [member] }),
    // an invitation to judge or to organize, accepted from any account (its role may change)
    '/invite/:code?': wrap({
      asyncComponent: () => import('./routes/organizer/Invite.svelte'),
      conditions: [member],
    }),
    ...Object.assign({}, ...roles.map((r) => r(member))),
    '*': wrap({ asyncComponent: () => import('./routes/NotFound.svelte') }),
  };
}
