import { EventEmitter } from 'node:events';
import { releaseStandIn } from './realtime-io.adapter';

/** What engine.io's WebSocketResponse does in its constructor (engine.io 6). */
class StandIn extends EventEmitter {
  constructor(
    public req: unknown,
    public socket: EventEmitter,
  ) {
    super();
    socket.once('close', () => this.emit('close'));
  }
}

describe('releaseStandIn', () => {
  it("drops the stand-in's close listener and the upgrade request, and keeps every other listener", () => {
    const socket = new EventEmitter();
    const before = () => undefined;
    socket.on('close', before);
    const standIn = new StandIn({ headers: {} }, socket);
    let forwarded = 0;
    standIn.on('close', () => forwarded++);
    expect(socket.listenerCount('close')).toBe(2);

    releaseStandIn(standIn);
    const after = () => undefined;
    socket.on('close', after);

    expect(standIn.req).toBeUndefined();
    expect(socket.listeners('close')).toEqual([before, after]);
    socket.emit('close');
    expect(forwarded).toBe(0);
  });

  it('leaves a close listener that is not the stand-in’s', () => {
    const socket = new EventEmitter();
    const other = () => undefined;
    socket.once('close', other);
    releaseStandIn({ req: {}, socket });
    expect(socket.listenerCount('close')).toBe(1);
  });
});
