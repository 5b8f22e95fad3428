import { ApiProperty } from '@nestjs/swagger';
import { ContestStatus } from '../entities/contest.entity';

const KEYS = [
  'categories',
  'submissionRound',
  'roundWindows',
  'rubrics',
  'description',
  'scope',
  'judges',
] as const;

export class ChecklistItemView {
  @ApiProperty({
    enum: KEYS,
    description:
      'categories: at least one; submissionRound: a round for entries; roundWindows: every round opens before it closes and entries can still be sent; rubrics: every judging or final round has criteria; description, scope (an owner unit or scoped rounds), judges: advice',
  })
  key: (typeof KEYS)[number];
  @ApiProperty() done: boolean;
  @ApiProperty({ description: 'Required items block opening; the others are advice' })
  required: boolean;
}

export class ChecklistView {
  @ApiProperty({ enum: ContestStatus, enumName: 'ContestStatus' }) status: ContestStatus;
  @ApiProperty({ description: 'Every required item done, and the contest still a draft' })
  ready: boolean;
  @ApiProperty({ type: [ChecklistItemView] }) items: ChecklistItemView[];
}
