import { Global, Module } from '@nestjs/common';
import { DatabaseMetrics } from './database-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics-server';
import { Metrics } from './metrics.service';

/** This instance's metrics, served: every module may report into `Metrics` (global). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [Metrics, DatabaseMetrics, MetricsServer],
  exports: [Metrics],
})
export class MetricsModule {}

/** `Metrics` for the command line's modules to report into, served nowhere. */
@Global()
@Module({ providers: [Metrics], exports: [Metrics] })
export class UnservedMetricsModule {}
