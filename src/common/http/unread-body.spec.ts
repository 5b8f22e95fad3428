import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { discardUnreadBody } from './unread-body';

/** A request body as a stream, on a socket whose destruction is recorded. */
function request() {
  const body = new PassThrough();
  const socket = { destroyed: false, destroy: () => (socket.destroyed = true) };
  Object.assign(body, { socket });
  return { body, req: body as unknown as IncomingMessage, socket };
}

const limits = { maxBytes: 1000, idleMs: 1000, maxMs: 10_000 };

describe('discardUnreadBody', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads the rest of a body to its end and keeps the connection', async () => {
    const { body, req, socket } = request();
    discardUnreadBody(req, limits);
    body.write(Buffer.alloc(600));
    body.end(Buffer.alloc(400));
    await jest.advanceTimersByTimeAsync(20_000);
    expect(body.readableEnded).toBe(true);
    expect(socket.destroyed).toBe(false);
    expect(body.listenerCount('data')).toBe(0);
  });

  it('closes the connection past maxBytes', async () => {
    const { body, req, socket } = request();
    discardUnreadBody(req, limits);
    body.write(Buffer.alloc(1000));
    await jest.advanceTimersByTimeAsync(0);
    expect(socket.destroyed).toBe(false);
    body.write(Buffer.alloc(1));
    await jest.advanceTimersByTimeAsync(0);
    expect(socket.destroyed).toBe(true);
  });

  it('closes the connection when the rest stops arriving', async () => {
    const { body, req, socket } = request();
    discardUnreadBody(req, limits);
    body.write(Buffer.alloc(10));
    await jest.advanceTimersByTimeAsync(900);
    expect(socket.destroyed).toBe(false);
    await jest.advanceTimersByTimeAsync(1000);
    expect(socket.destroyed).toBe(true);
  });

  it('closes the connection when a trickle outlasts maxMs', async () => {
    const { body, req, socket } = request();
    discardUnreadBody(req, limits);
    for (let i = 0; i < 12 && !socket.destroyed; i++) {
      body.write(Buffer.alloc(1));
      await jest.advanceTimersByTimeAsync(900);
    }
    expect(socket.destroyed).toBe(true);
  });

  it('leaves a body read whole alone', async () => {
    const { body, req, socket } = request();
    body.resume();
    body.end(Buffer.alloc(10));
    await jest.advanceTimersByTimeAsync(0);
    discardUnreadBody(req, limits);
    expect(body.listenerCount('data')).toBe(0);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(socket.destroyed).toBe(false);
  });
});
