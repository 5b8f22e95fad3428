import './messages';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/errors/app-error';
import { ContestAccessService } from '../../contests/contest-access.service';
import { UserRole } from '../../users/entities/user.entity';
import { AuditFilter, AuditListingRepository, AuditListRow } from './audit-listing.repository';

/**
 * Who did what and when. Administrators read everything (units, accounts, every contest);
 * anyone else reads the records of a contest they organize (naming it), or else only their own.
 */
@Injectable()
export class AuditListingService {
  constructor(
    private readonly repository: AuditListingRepository,
    private readonly access: ContestAccessService,
  ) {}

  async list(filter: AuditFilter, actor: Principal): Promise<AuditListRow[]> {
    if (actor.role !== UserRole.Admin) {
      if (filter.contestId) {
        await this.access.assertOrganizer(actor, filter.contestId);
      } else {
        // outside a contest they organize, anyone sees only what they did themselves
        if (filter.actorId && filter.actorId !== actor.id) {
          throw AppError.validation([{ field: 'contestId', code: 'audit.contest_required' }]);
        }
        filter = { ...filter, actorId: actor.id };
      }
    }
    if (filter.from && filter.to && filter.from >= filter.to) {
      throw AppError.validation([{ field: 'to', code: 'audit.range_order' }]);
    }
    return this.repository.list(filter);
  }
}
