import { api, csrfToken, type User } from '../api/client';

/** Who is signed in (null: nobody); `checked` once the service was asked. */
export const session = $state<{ user: User | null; checked: boolean }>({ user: null, checked: false });

/** Asks the service who the cookies belong to (refreshing them when the access one expired). */
export async function loadSession(): Promise<User | null> {
  try {
    const { data } = await api.GET('/auth/me');
    session.user = data ?? null;
    switchBundle(session.user);
  } catch {
    // no network (a judge on a train): nothing is known yet; the next screen asks again
    asking = null;
    return session.user;
  }
  session.checked = true;
  return session.user;
}

/** The bundle the service sends a member of this role (the same rule as src/web/web-bundles.ts). */
export function bundleOf(role: User['role'] | undefined): 'contestant' | 'judge' | 'organizer' {
  return role === 'organizer' || role === 'admin' ? 'organizer' : role === 'judge' ? 'judge' : 'contestant';
}

/**
 * Someone signed in. A role whose screens this bundle lacks (an organizer signing in on the
 * page every visitor gets) loads the page again: the service then sends that role's bundle.
 */
export function signedIn(user: User): void {
  session.user = user;
  session.checked = true;
  switchBundle(user);
}

let switching = false;

/** The page is being loaded again for another bundle: the screen should stop where it is. */
export function switchingBundle(): boolean {
  return switching;
}

/**
 * Loads the page again when the member's role needs another bundle (once per tab and role);
 * the screen that signed in stops there (switchingBundle) and the new page opens on the same
 * route, where a signed-in member is sent on (the login screen goes to the contests).
 */
function switchBundle(user: User | null): void {
  const wanted = bundleOf(user?.role);
  if (!user || wanted === __HOITHI_BUNDLE__ || __HOITHI_BUNDLE__ === 'organizer') return;
  const mark = `hoithi.bundle.${wanted}`;
  if (sessionStorage.getItem(mark)) return;
  sessionStorage.setItem(mark, '1');
  switching = true;
  location.reload();
}

export async function signOut(everywhere: boolean): Promise<void> {
  await (everywhere ? api.POST('/auth/logout-all') : api.POST('/auth/logout', { body: {} as never }));
  session.user = null;
}

/** The readable half of a session is there (the service checks the rest on each request). */
export function maybeSignedIn(): boolean {
  return session.checked ? session.user !== null : csrfToken() !== '';
}

let asking: Promise<User | null> | null = null;

/** Asks once who is signed in (later callers share the answer). */
export function checkSession(): Promise<User | null> {
  if (session.checked) return Promise.resolve(session.user);
  asking ??= loadSession();
  return asking;
}
