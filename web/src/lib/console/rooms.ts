import { connection } from '../live';

/**
 * Joins a feature room of the signed-in organizer's socket (`contest:<id>`, `judging:<roundId>`)
 * and calls the handlers for its events; joins again after a reconnect (rooms are per
 * connection) and calls `reconnect` so the screen can read what it missed. Returns a stop.
 */
export function watchRoom(
  room: string,
  handlers: Record<string, (payload: never) => void>,
  reconnect?: () => void,
): () => void {
  let stopped = false;
  const join = (s: Awaited<ReturnType<typeof connection>>) => s.emit('room:join', { room });
  const ready = connection().then((s) => {
    if (stopped) return s;
    for (const [event, fn] of Object.entries(handlers)) s.on(event, fn as (p: unknown) => void);
    join(s);
    s.io.on('reconnect', again);
    return s;
  });
  function again() {
    void ready.then((s) => {
      join(s);
      reconnect?.();
    });
  }
  return () => {
    stopped = true;
    void ready.then((s) => {
      for (const [event, fn] of Object.entries(handlers)) s.off(event, fn as (p: unknown) => void);
      s.io.off('reconnect', again);
      s.emit('room:leave', { room });
    });
  };
}
