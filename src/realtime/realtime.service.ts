import { Injectable } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';

/** Sends events to sockets: by user, by room. Feature modules use this, never socket.io itself. */
@Injectable()
export class RealtimeService {
  private server?: Server;
  private crossInstanceUp: () => boolean = () => false;
  private distributed = false;
  private readonly restoredListeners: Array<() => void> = [];
  private lastUp = true;

  attach(server: Server): void {
    this.server = server;
  }

  /** Set by the socket adapter when instances share rooms through Redis. */
  useCrossInstance(isUp: () => boolean): void {
    this.distributed = true;
    this.crossInstanceUp = isUp;
  }

  /** Whether a broadcast reaches the other instances now (always true for a single instance). */
  get crossInstanceAvailable(): boolean {
    return !this.distributed || this.crossInstanceUp();
  }

  crossInstanceChanged(up: boolean): void {
    const was = this.lastUp;
    this.lastUp = up;
    if (up && !was) for (const listener of this.restoredListeners) listener();
  }

  /** Called when cross-instance delivery comes back after an outage (to resend full state). */
  onCrossInstanceRestored(listener: () => void): void {
    this.restoredListeners.push(listener);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.server?.to(`user:${userId}`).emit(event, payload);
  }

  toRoom(room: string, event: string, payload: unknown): void {
    this.server?.to(room).emit(event, payload);
  }

  /** Emits only to sockets of this instance (used when the cross-instance adapter is down). */
  toRoomLocal(room: string, event: string, payload: unknown): void {
    this.server?.local.to(room).emit(event, payload);
  }

  /**
   * To every instance's sockets in the room while Redis answers; to this instance's only while
   * it does not (the adapter would otherwise hold the local delivery until Redis replies).
   */
  broadcast(room: string, event: string, payload: unknown): void {
    if (this.crossInstanceAvailable) this.toRoom(room, event, payload);
    else this.toRoomLocal(room, event, payload);
  }

  /** This instance's sockets in a room (not the other instances'). */
  localSocketsIn(room: string): Socket[] {
    const server = this.server;
    const ids = server?.sockets.adapter.rooms.get(room);
    if (!server || !ids) return [];
    const sockets: Socket[] = [];
    for (const id of ids) {
      const socket = server.sockets.sockets.get(id);
      if (socket) sockets.push(socket);
    }
    return sockets;
  }

  /** Every socket connected to this instance. */
  localSockets(): Socket[] {
    return this.server ? [...this.server.sockets.sockets.values()] : [];
  }

  /** Sockets connected to this instance. */
  localSocketCount(): number {
    return this.server?.sockets.sockets.size ?? 0;
  }

  /** Sockets of this instance in a room. */
  localCount(room: string): number {
    return this.server?.sockets.adapter.rooms.get(room)?.size ?? 0;
  }
}
