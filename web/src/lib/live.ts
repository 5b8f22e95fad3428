import type * as SocketIo from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import socketScript from '$vendor/socket.io.js?url';

export interface MediaStatusEvent {
  id: string;
  entryId: string;
  status: string;
  progress?: number;
  reason?: { code: string; params?: Record<string, unknown> } | null;
}

let socket: Promise<Socket> | null = null;

/**
 * The signed-in member's socket (authenticated by the session cookie), opened on first use; its
 * library is fetched then, after the screen is shown.
 */
export function connection(): Promise<Socket> {
  socket ??= (import(/* @vite-ignore */ socketScript) as Promise<typeof SocketIo>).then(({ io }) =>
    io({ path: '/socket.io', transports: ['websocket', 'polling'], withCredentials: true }),
  );
  return socket;
}

/** Calls `on` for each live change of this entry's files and of the entry; returns a stop. */
export function watchEntry(
  entryId: string,
  on: { media(e: MediaStatusEvent): void; entry(): void; reconnect(): void },
): () => void {
  const media = (e: MediaStatusEvent) => e.entryId === entryId && on.media(e);
  const entry = (e: { id?: string; entryId?: string }) =>
    (e.id === entryId || e.entryId === entryId) && on.entry();
  const again = () => on.reconnect();
  let stopped = false;
  const ready = connection().then((s) => {
    if (stopped) return s;
    s.on('media.status', media);
    s.on('entry.changed', entry);
    s.io.on('reconnect', again);
    return s;
  });
  return () => {
    stopped = true;
    void ready.then((s) => {
      s.off('media.status', media);
      s.off('entry.changed', entry);
      s.io.off('reconnect', again);
    });
  };
}
