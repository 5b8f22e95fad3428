import type { TimeLocale } from '../common/time/zoned-time';
import type { ContestRole } from '../users/entities/contest-membership.entity';
import { CategoryView } from './dto/category.dto';
import { ContestDetailView, ContestView } from './dto/contest.dto';
import { RoundView } from './dto/round.dto';
import type { Category } from './entities/category.entity';
import type { Contest } from './entities/contest.entity';
import type { Round } from './entities/round.entity';

export function contestDetail(
  contest: Contest,
  roles: ContestRole[],
  categories: Category[],
  rounds: Round[],
  locale: TimeLocale,
): ContestDetailView {
  return {
    ...ContestView.of(contest, roles),
    categories: categories.map((c) => CategoryView.of(c)),
    rounds: rounds.map((r) => RoundView.of(r, contest.timeZone, locale)),
  };
}
