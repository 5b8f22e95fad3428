import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { EventBus, EntryChangedEvent } from '../common/events/event-bus';
import { ContestAccessService } from '../contests/contest-access.service';
import { RealtimeService } from '../realtime/realtime.service';
import { RoomRegistry } from '../realtime/room-registry';

/**
 * Delivers committed entry changes: to the owner's sockets (`entry.changed`), and to the
 * contest's organizers in the room `contest:<id>`, which only organizers may join.
 */
@Injectable()
export class EntryEventsBridge implements OnApplicationBootstrap, OnApplicationShutdown {
  private unsubscribe?: () => void;

  constructor(
    private readonly bus: EventBus,
    private readonly realtime: RealtimeService,
    private readonly rooms: RoomRegistry,
    private readonly access: ContestAccessService,
  ) {}

  onApplicationBootstrap(): void {
    this.rooms.register('contest', {
      authorize: (principal: Principal | null, contestId: string) =>
        principal ? this.access.isOrganizer(principal, contestId) : Promise.resolve(false),
    });
    this.unsubscribe = this.bus.subscribe('entry.changed', (event: EntryChangedEvent) => {
      const payload = {
        entryId: event.entryId,
        contestId: event.contestId,
        status: event.status,
        previousStatus: event.previousStatus,
        action: event.action,
        at: event.at,
      };
      this.realtime.toUser(event.ownerId, 'entry.changed', payload);
      this.realtime.toRoom(`contest:${event.contestId}`, 'entry.changed', {
        ...payload,
        categoryId: event.categoryId,
        unitId: event.unitId,
      });
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }
}
