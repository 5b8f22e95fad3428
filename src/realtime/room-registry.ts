import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';

/**
 * A kind of room a feature offers (`session:<id>`, `contest:<id>`): who may join it, and what a
 * socket gets on joining (a snapshot, so a viewer that reconnects is never wrong for long).
 */
export interface RoomKind {
  authorize(principal: Principal | null, id: string): Promise<boolean>;
  snapshot?(principal: Principal | null, id: string): Promise<unknown>;
}

const ROOM = /^([a-z][a-z-]{1,30}):([A-Za-z0-9_-]{1,64})$/;

@Injectable()
export class RoomRegistry {
  private readonly kinds = new Map<string, RoomKind>();

  register(kind: string, definition: RoomKind): void {
    if (this.kinds.has(kind)) throw new Error(`Room kind ${kind} is already registered`);
    this.kinds.set(kind, definition);
  }

  parse(room: unknown): { kind: string; id: string; definition: RoomKind } | null {
    if (typeof room !== 'string') return null;
    const m = ROOM.exec(room);
    if (!m) return null;
    const definition = this.kinds.get(m[1]);
    return definition ? { kind: m[1], id: m[2], definition } : null;
  }
}
