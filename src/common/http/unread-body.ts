import type { IncomingMessage } from 'node:http';

export interface UnreadBodyLimits {
  /** Most bytes read and dropped; past them the connection is closed. */
  maxBytes: number;
  /** The connection is closed when no byte arrives for this long… */
  idleMs: number;
  /** …or when the rest has not ended after this long (a trickle). */
  maxMs: number;
}

/**
 * For a request answered before its body was read to its end (an upload refused part-way, or
 * before its first byte): HTTP/1.1 gives the connection to the next request only once this
 * body is over, and a body nobody reads is never over, so the next request on a keep-alive
 * connection would wait forever. The rest is read and dropped, so the client receives the
 * answer and may go on using the connection; a remainder beyond `maxBytes`, or one that stops
 * arriving or takes too long, closes the connection instead. Nothing is done for a body already read whole.
 */
export function discardUnreadBody(req: IncomingMessage, limits: UnreadBodyLimits): void {
  if (req.readableEnded || req.destroyed) return;
  // whatever was reading the body (a multipart parser) is done with it
  req.unpipe();
  let dropped = 0;
  const startedAt = Date.now();
  let lastByteAt = startedAt;
  const stop = () => {
    clearInterval(timer);
    req.off('data', onData);
    req.off('end', stop);
    req.off('close', stop);
  };
  const close = () => {
    stop();
    req.socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    dropped += chunk.length;
    lastByteAt = Date.now();
    if (dropped > limits.maxBytes) close();
  };
  const timer = setInterval(
    () => {
      const now = Date.now();
      if (now - lastByteAt >= limits.idleMs || now - startedAt >= limits.maxMs) close();
    },
    Math.max(50, Math.min(1000, limits.idleMs / 4)),
  );
  timer.unref();
  req.on('data', onData);
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
}
