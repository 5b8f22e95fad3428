import { io, type Socket } from 'socket.io-client';

export interface MediaStatusEvent {
  id: string;
  entryId: string;
  status: string;
  progress?: number;
  reason?: { code: string; params?: Record<string, unknown> } | null;
}

let socket: Socket | null = null;

/** The signed-in member's socket (authenticated by the session cookie); opened on first use. */
function connection(): Socket {
  socket ??= io({ path: '/socket.io', transports: ['websocket', 'polling'], withCredentials: true });
  return socket;
}

/** Calls `on` for each live change of this entry's files and of the entry; returns a stop. */
export function watchEntry(
  entryId: string,
  on: { media(e: MediaStatusEvent): void; entry(): void; reconnect(): void },
): () => void {
  const s = connection();
  const media = (e: MediaStatusEvent) => e.entryId === entryId && on.media(e);
  const entry = (e: { id?: string; entryId?: string }) =>
    (e.id === entryId || e.entryId === entryId) && on.entry();
  const again = () => on.reconnect();
  s.on('media.status', media);
  s.on('entry.changed', entry);
  s.io.on('reconnect', again);
  return () => {
    s.off('media.status', media);
    s.off('entry.changed', entry);
    s.io.off('reconnect', again);
  };
}

export function closeLive(): void {
  socket?.close();
  socket = null;
}
