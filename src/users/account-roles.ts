import { ContestRole } from './entities/contest-membership.entity';
import { UserRole } from './entities/user.entity';

/** Which kinds of account may hold each contest role. */
export const ACCOUNTS_FOR_CONTEST_ROLE: Record<ContestRole, readonly UserRole[]> = {
  [ContestRole.Organizer]: [UserRole.Admin, UserRole.Organizer],
  [ContestRole.Judge]: [UserRole.Admin, UserRole.Organizer, UserRole.Judge],
  [ContestRole.Contestant]: [UserRole.Contestant],
};

/** The contest roles an account of this kind may hold. */
export function contestRolesFor(accountRole: UserRole): ContestRole[] {
  return Object.values(ContestRole).filter((r) =>
    ACCOUNTS_FOR_CONTEST_ROLE[r].includes(accountRole),
  );
}
