import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainEvent, EventBus } from './event-bus';

export interface TransactionScope {
  manager: EntityManager;
  /** Queues an event, delivered only if the transaction commits. */
  emit(event: DomainEvent): void;
}

/**
 * Runs a change in one transaction and publishes the events it queued after the commit. When the
 * callback throws (or the commit fails) the events are dropped with the transaction.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
  ) {}

  async run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const events: DomainEvent[] = [];
    const result = await this.dataSource.transaction((manager) =>
      work({ manager, emit: (event) => events.push(event) }),
    );
    this.bus.publish(events);
    return result;
  }
}
