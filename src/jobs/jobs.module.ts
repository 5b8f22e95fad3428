import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Job } from './entities/job.entity';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

/** Durable background jobs in PostgreSQL, with retries and a dead-letter state. */
@Module({
  imports: [TypeOrmModule.forFeature([Job])],
  providers: [JobsRepository, JobsService],
  exports: [JobsService],
})
export class JobsModule {}
