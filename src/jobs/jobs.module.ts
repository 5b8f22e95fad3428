import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Job } from './entities/job.entity';
import { JobsAdminService } from './jobs-admin.service';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

/**
 * Durable background jobs in PostgreSQL, with retries and a dead-letter state; administrators
 * see the queue and retry or discard dead jobs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Job])],
  controllers: [JobsController],
  providers: [JobsRepository, JobsService, JobsAdminService],
  exports: [JobsService, JobsAdminService],
})
export class JobsModule {}
