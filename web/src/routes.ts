import type { RouteDefinition } from 'svelte-spa-router';
import { wrap } from 'svelte-spa-router/wrap';
import { checkSession, maybeSignedIn } from './lib/session.svelte';
import { judgeRoutes } from './routes/judge';
import { organizerRoutes } from './routes/organizer';

/**
 * Signed in: with a session cookie the screen opens at once (one round trip less on a slow link)
 * while the service is asked in the background; a request the service refuses for want of a
 * session sends the app to the login. Without one the route is refused and the app goes there.
 */
const member = () => {
  if (!maybeSignedIn()) return false;
  void checkSession();
  return true;
};

/**
 * Each screen is loaded when first opened: the contestant's screens share one chunk; the
 * judge's and the organizer's come in chunks of their own (routes/judge, routes/organizer).
 */
export const routes: RouteDefinition = {
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
  '/entries/:id': wrap({ asyncComponent: () => import('./routes/Entry.svelte'), conditions: [member] }),
  ...judgeRoutes(member),
  ...organizerRoutes(member),
  '*': wrap({ asyncComponent: () => import('./routes/NotFound.svelte') }),
};
