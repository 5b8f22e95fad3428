import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { HealthRepository } from './health.repository';

export class CheckResult {
  @ApiProperty({ enum: ['ok', 'down'] })
  status: 'ok' | 'down';
  @ApiProperty({ required: false })
  latencyMs?: number;
  @ApiProperty({ required: false })
  error?: string;
}

export class ReadinessReport {
  @ApiProperty({ enum: ['ok', 'down'] })
  status: 'ok' | 'down';
  @ApiProperty({ description: 'Seconds since the process started' })
  uptime: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CheckResult' },
  })
  checks: Record<string, CheckResult>;
}

@Injectable()
export class HealthService {
  private shuttingDown = false;
  constructor(private readonly repository: HealthRepository) {}

  markShuttingDown() {
    this.shuttingDown = true;
  }

  async readiness(): Promise<ReadinessReport> {
    const checks: Record<string, CheckResult> = {};
    checks.database = await this.repository.pingDatabase();
    if (this.shuttingDown) checks.process = { status: 'down', error: 'shutting down' };
    const status = Object.values(checks).every((c) => c.status === 'ok') ? 'ok' : 'down';
    return { status, uptime: Math.round(process.uptime()), checks };
  }
}
