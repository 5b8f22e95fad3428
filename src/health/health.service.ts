import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { HealthRepository } from './health.repository';

export class CheckResult {
  @ApiProperty({
    enum: ['ok', 'down', 'absent'],
    description: 'absent: an optional tool is missing; the service stays ready without it',
  })
  status: 'ok' | 'down' | 'absent';
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
  private readonly advisory = new Map<string, () => Promise<CheckResult>>();
  constructor(private readonly repository: HealthRepository) {}

  /** A check that is reported but never makes the service unready (e.g. an optional tool). */
  registerAdvisory(name: string, check: () => Promise<CheckResult>) {
    this.advisory.set(name, check);
  }

  markShuttingDown() {
    this.shuttingDown = true;
  }

  async readiness(): Promise<ReadinessReport> {
    const checks: Record<string, CheckResult> = {};
    checks.database = await this.repository.pingDatabase();
    if (this.shuttingDown) checks.process = { status: 'down', error: 'shutting down' };
    const status = Object.values(checks).every((c) => c.status === 'ok') ? 'ok' : 'down';
    for (const [name, check] of this.advisory) {
      checks[name] = await check().catch((err: Error) => ({
        status: 'absent' as const,
        error: err.message,
      }));
    }
    return { status, uptime: Math.round(process.uptime()), checks };
  }
}
