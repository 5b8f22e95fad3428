import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { ContestRole } from '../../users/entities/contest-membership.entity';
import type { MemberRow } from '../members.repository';

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: ContestRole, enumName: 'ContestRole' })
  @IsEnum(ContestRole)
  role: ContestRole;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: 'Limit the member to these categories of the contest; omit or null for all',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  categoryIds?: string[] | null;
}

export class ListMembersQuery {
  @ApiPropertyOptional({ enum: ContestRole, enumName: 'ContestRole' })
  @IsOptional()
  @IsEnum(ContestRole)
  role?: ContestRole;
}

export class MemberView {
  @ApiProperty({ format: 'uuid', description: 'Membership id' }) id: string;
  @ApiProperty({ format: 'uuid' }) contestId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ContestRole, enumName: 'ContestRole' }) role: ContestRole;
  @ApiProperty({ type: [String], nullable: true, description: 'null = all categories' })
  categoryIds: string[] | null;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId: string | null;
  @ApiProperty() createdAt: string;

  static of(m: MemberRow): MemberView {
    return {
      id: m.id,
      contestId: m.contestId,
      userId: m.userId,
      role: m.role,
      categoryIds: m.categoryIds,
      fullName: m.fullName,
      email: m.email,
      unitId: m.unitId,
      createdAt: m.createdAt.toISOString(),
    };
  }
}
