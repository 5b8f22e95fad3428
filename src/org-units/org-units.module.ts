import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { OrgUnit } from './entities/org-unit.entity';
import { OrgUnitEvent } from './entities/org-unit-event.entity';
import { CSV_TYPE, XLSX_TYPE } from './import/unit-table.reader';
import { OrgUnitsController } from './org-units.controller';
import { OrgUnitsRepository } from './org-units.repository';
import { OrgUnitsService } from './org-units.service';

/** Import files are bigger than JSON bodies. */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

@Module({
  imports: [TypeOrmModule.forFeature([OrgUnit, OrgUnitEvent])],
  controllers: [OrgUnitsController],
  providers: [OrgUnitsService, OrgUnitsRepository],
  exports: [OrgUnitsService],
})
export class OrgUnitsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** The import route takes the raw file: CSV and XLSX bodies arrive as a Buffer. */
  onModuleInit(): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (!adapter) return;
    const fastify = adapter.getInstance<FastifyInstance>();
    for (const type of [CSV_TYPE, XLSX_TYPE]) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
        (_request, body, done) => done(null, body),
      );
    }
  }
}
