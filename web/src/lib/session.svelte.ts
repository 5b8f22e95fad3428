import { api, csrfToken, type User } from '../api/client';

/** Who is signed in (null: nobody); `checked` once the service was asked. */
export const session = $state<{ user: User | null; checked: boolean }>({ user: null, checked: false });

/** Asks the service who the cookies belong to (refreshing them when the access one expired). */
export async function loadSession(): Promise<User | null> {
  try {
    const { data } = await api.GET('/auth/me');
    session.user = data ?? null;
  } catch {
    // no network (a judge on a train): nothing is known yet; the next screen asks again
    asking = null;
    return session.user;
  }
  session.checked = true;
  return session.user;
}

export function signedIn(user: User): void {
  session.user = user;
  session.checked = true;
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
