import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';

/** Sends events to sockets: by user, by room. Feature modules use this, never socket.io itself. */
@Injectable()
export class RealtimeService {
  private server?: Server;

  attach(server: Server): void {
    this.server = server;
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
}
