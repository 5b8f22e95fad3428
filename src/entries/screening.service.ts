import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { Locale, translate } from '../common/i18n/i18n';
import { ContestAccessService } from '../contests/contest-access.service';
import { BulkScreenEntriesDto } from './dto/entry.dto';
import { BulkScreenResultView } from './dto/entry.view';
import { EntriesRepository } from './entries.repository';
import { EntriesService } from './entries.service';

/**
 * Screening many entries at once (the organizer's queue): each entry is decided in its own
 * transaction, exactly as one screened alone, and the answer says for each what became of it.
 * An entry that cannot take the decision (already screened, window closed) is left unchanged
 * and reported with the service's sentence; the others go through.
 */
@Injectable()
export class ScreeningService {
  constructor(
    private readonly access: ContestAccessService,
    private readonly entries: EntriesRepository,
    private readonly service: EntriesService,
  ) {}

  async screenMany(
    contestId: string,
    dto: BulkScreenEntriesDto,
    user: Principal,
    locale: Locale,
  ): Promise<BulkScreenResultView> {
    await this.access.assertOrganizer(user, contestId);
    if (dto.decision !== 'eligible' && !dto.reason?.trim())
      throw AppError.validation([
        {
          field: 'reason',
          code:
            dto.decision === 'returned'
              ? 'entries.return_reason_required'
              : 'entries.reason_required',
        },
      ]);
    const ids = [...new Set(dto.entryIds.map((id) => id.toLowerCase()))];
    const found = new Map(
      (await this.entries.findByIds(ids))
        .filter((e) => e.contestId === contestId)
        .map((e) => [e.id, e]),
    );
    const results: BulkScreenResultView['results'] = [];
    for (const entryId of ids) {
      if (!found.has(entryId)) {
        results.push(this.failure(entryId, 'entries.not_found', {}, locale));
        continue;
      }
      try {
        const done = await this.service.screen(entryId, dto.decision, dto.reason, user, dto);
        results.push({ entryId, status: done.entry.status, code: null, message: null });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const field = err.fieldErrors?.[0];
        results.push(
          this.failure(entryId, field?.code ?? err.code, field?.params ?? err.params, locale),
        );
      }
    }
    return { screened: results.filter((r) => r.code === null).length, results };
  }

  private failure(
    entryId: string,
    code: string,
    params: Record<string, unknown> | undefined,
    locale: Locale,
  ): BulkScreenResultView['results'][number] {
    return { entryId, status: null, code, message: translate(code, locale, params ?? {}) };
  }
}
