import { Injectable, Logger } from '@nestjs/common';

/** What happened to an entry; the realtime feature forwards these to clients. */
export interface EntryChangedEvent {
  type: 'entry.changed';
  entryId: string;
  contestId: string;
  categoryId: string;
  unitId: string;
  status: string;
  previousStatus: string | null;
  action: string;
  at: string;
}

/** Every domain event, by its `type`. */
export type DomainEvent = EntryChangedEvent;
export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
export type EventHandler<T extends DomainEventType> = (event: EventOf<T>) => void | Promise<void>;

/**
 * In-process bus of domain events. Publishers call `publish` only after their transaction has
 * committed (see UnitOfWork), so nothing is delivered for a change that was rolled back.
 * Handlers run after the publisher's call returns; a failing handler is logged and never
 * affects the publisher or the other handlers.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger('EventBus');
  private readonly handlers = new Map<DomainEventType, Set<EventHandler<DomainEventType>>>();

  subscribe<T extends DomainEventType>(type: T, handler: EventHandler<T>): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    const h = handler as unknown as EventHandler<DomainEventType>;
    set.add(h);
    return () => set.delete(h);
  }

  publish(events: readonly DomainEvent[]): void {
    for (const event of events) {
      const set = this.handlers.get(event.type);
      if (!set) continue;
      for (const handler of set) {
        queueMicrotask(() => {
          Promise.resolve()
            .then(() => handler(event))
            .catch((err: unknown) =>
              this.logger.error({ err, type: event.type }, 'Event handler failed'),
            );
        });
      }
    }
  }
}
