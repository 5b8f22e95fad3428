import { OrgUnit } from '../org-units/entities/org-unit.entity';
import { OrgUnitEvent } from '../org-units/entities/org-unit-event.entity';
import { User } from '../users/entities/user.entity';
import { ContestMembership } from '../users/entities/contest-membership.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { LoginAttempt } from '../auth/entities/login-attempt.entity';
import { AuditLog } from '../audit/entities/audit-log.entity';
import { Contest } from '../contests/entities/contest.entity';
import { ContestInvitation } from '../contests/entities/invitation.entity';
import { Category } from '../contests/entities/category.entity';
import { Round } from '../contests/entities/round.entity';
import { Entry } from '../entries/entities/entry.entity';
import { EntryVersion } from '../entries/entities/entry-version.entity';
import { EntryRound } from '../entries/entities/entry-round.entity';
import { RoundRanking } from '../entries/entities/round-ranking.entity';
import { Job } from '../jobs/entities/job.entity';
import { MediaItem } from '../media/entities/media-item.entity';
import { JudgingRound } from '../judging/entities/judging-round.entity';
import { Rubric } from '../judging/entities/rubric.entity';
import { PanelMember } from '../judging/entities/panel-member.entity';
import { Assignment } from '../judging/entities/assignment.entity';
import { Recusal } from '../judging/entities/recusal.entity';
import { ScoreSheet } from '../judging/entities/score-sheet.entity';
import { Vote, VotingTally } from '../voting/entities/vote.entity';
import { VotingSession, VotingSessionEntry } from '../voting/entities/voting-session.entity';
import { DeviceTokenMint } from '../voting/entities/device-token-mint.entity';
import { PhoneCode } from '../phone-verification/entities/phone-code.entity';
import { VoteBatch, VoteChainHead } from '../vote-integrity/entities/vote-chain.entity';
import { VoteFlag } from '../vote-integrity/entities/vote-flag.entity';

/** Every entity of the product, in one list shared by the application and the migration tools. */
export const ENTITIES = [
  OrgUnit,
  OrgUnitEvent,
  User,
  ContestMembership,
  RefreshToken,
  LoginAttempt,
  AuditLog,
  Contest,
  ContestInvitation,
  Category,
  Round,
  Entry,
  EntryVersion,
  EntryRound,
  RoundRanking,
  Job,
  MediaItem,
  JudgingRound,
  Rubric,
  PanelMember,
  Assignment,
  Recusal,
  ScoreSheet,
  VotingSession,
  VotingSessionEntry,
  Vote,
  VotingTally,
  DeviceTokenMint,
  PhoneCode,
  VoteBatch,
  VoteChainHead,
  VoteFlag,
];
