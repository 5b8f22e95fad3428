import './messages';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError, FieldError } from '../common/errors/app-error';
import { CategoriesRepository } from './categories.repository';
import { ContestAccessService } from './contest-access.service';
import { ContestsRepository } from './contests.repository';
import { sqlState, violatedConstraint } from './db-errors';
import { Category, CategoryRules } from './entities/category.entity';

export interface CategoryInput {
  code: string;
  name: string;
  description?: string;
  position?: number;
  rules: CategoryRules;
}

/** Rules that span several fields of the media rules. */
export function categoryRulesErrors(rules: CategoryRules, prefix = 'rules'): FieldError[] {
  const errors: FieldError[] = [];
  const m = rules.media;
  if (m.minCount > m.maxCount) {
    errors.push({ field: `${prefix}.media.minCount`, code: 'contests.media_count_order' });
  }
  if (
    m.minDurationSeconds != null &&
    m.maxDurationSeconds != null &&
    m.minDurationSeconds > m.maxDurationSeconds
  ) {
    errors.push({
      field: `${prefix}.media.minDurationSeconds`,
      code: 'contests.media_duration_order',
    });
  }
  return errors;
}

/** The rules as stored: plain data, optional limits spelled out. */
function normalizeRules(rules: CategoryRules): CategoryRules {
  const m = rules.media;
  return {
    entrants: rules.entrants,
    maxEntriesPerUnit: rules.maxEntriesPerUnit,
    requiredFields: [...new Set(rules.requiredFields)],
    media: {
      kinds: [...new Set(m.kinds)],
      minCount: m.minCount,
      maxCount: m.maxCount,
      maxSizeBytes: m.maxSizeBytes,
      minDurationSeconds: m.minDurationSeconds ?? null,
      maxDurationSeconds: m.maxDurationSeconds ?? null,
      minResolution: m.minResolution ?? null,
      landscapeOnly: m.landscapeOnly ?? false,
    },
  };
}

function snapshot(c: Category): Record<string, unknown> {
  return {
    code: c.code,
    name: c.name,
    description: c.description,
    position: c.position,
    rules: c.rules,
  };
}

@Injectable()
export class CategoriesService {
  constructor(
    private readonly categories: CategoriesRepository,
    private readonly contests: ContestsRepository,
    private readonly access: ContestAccessService,
    private readonly audit: AuditService,
  ) {}

  async list(contestId: string): Promise<Category[]> {
    return this.categories.listByContest(contestId);
  }

  async create(contestId: string, input: CategoryInput, actor: Principal): Promise<Category> {
    await this.access.assertOrganizer(actor, contestId);
    const errors = categoryRulesErrors(input.rules);
    if (errors.length) throw AppError.validation(errors);
    try {
      return await this.contests.transaction(async (manager) => {
        if (!(await this.contests.lockById(contestId, manager))) {
          throw AppError.notFound('contests.not_found');
        }
        const category = await this.categories.insert(
          {
            contestId,
            code: input.code,
            name: input.name,
            description: input.description ?? '',
            position: input.position ?? 0,
            rules: normalizeRules(input.rules),
          },
          manager,
        );
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'category.created',
            subjectType: 'category',
            subjectId: category.id,
            contestId,
            after: snapshot(category),
          },
          manager,
        );
        return category;
      });
    } catch (err) {
      if (violatedConstraint(err) === 'uq_contest_categories_code') {
        throw AppError.conflict('contests.category_code_taken', { code: input.code });
      }
      throw err;
    }
  }

  async update(
    contestId: string,
    categoryId: string,
    patch: Partial<CategoryInput>,
    actor: Principal,
  ): Promise<Category> {
    await this.access.assertOrganizer(actor, contestId);
    if (patch.rules) {
      const errors = categoryRulesErrors(patch.rules);
      if (errors.length) throw AppError.validation(errors);
    }
    try {
      return await this.contests.transaction(async (manager) => {
        await this.contests.lockById(contestId, manager);
        const current = await this.categories.findById(categoryId, manager);
        if (!current || current.contestId !== contestId) {
          throw AppError.notFound('contests.category_not_found');
        }
        const next: Partial<Category> = {
          code: patch.code ?? current.code,
          name: patch.name ?? current.name,
          description: patch.description ?? current.description,
          position: patch.position ?? current.position,
          rules: patch.rules ? normalizeRules(patch.rules) : current.rules,
        };
        const before = snapshot(current);
        const after = { ...before, ...next };
        if (JSON.stringify(before) === JSON.stringify(after)) return current;
        const updated = await this.categories.update(categoryId, next, manager);
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'category.updated',
            subjectType: 'category',
            subjectId: categoryId,
            contestId,
            before,
            after: snapshot(updated),
          },
          manager,
        );
        return updated;
      });
    } catch (err) {
      if (violatedConstraint(err) === 'uq_contest_categories_code') {
        throw AppError.conflict('contests.category_code_taken', { code: patch.code });
      }
      throw err;
    }
  }

  async remove(contestId: string, categoryId: string, actor: Principal): Promise<void> {
    await this.access.assertOrganizer(actor, contestId);
    try {
      await this.contests.transaction(async (manager) => {
        await this.contests.lockById(contestId, manager);
        const current = await this.categories.findById(categoryId, manager);
        if (!current || current.contestId !== contestId) {
          throw AppError.notFound('contests.category_not_found');
        }
        await this.categories.remove(categoryId, manager);
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'category.deleted',
            subjectType: 'category',
            subjectId: categoryId,
            contestId,
            before: snapshot(current),
          },
          manager,
        );
      });
    } catch (err) {
      // entries point at the category
      if (sqlState(err) === '23503') throw AppError.conflict('contests.category_in_use');
      throw err;
    }
  }
}
