import { api, type User } from '../api/client';

/** Who is signed in (null: nobody); `checked` once the service was asked. */
export const session = $state<{ user: User | null; checked: boolean }>({ user: null, checked: false });

/** Asks the service who the cookies belong to (refreshing them when the access one expired). */
export async function loadSession(): Promise<User | null> {
  try {
    const { data } = await api.GET('/auth/me');
    session.user = data ?? null;
  } catch {
    session.user = null;
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
