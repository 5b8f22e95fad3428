import { Injectable, Logger } from '@nestjs/common';
import { UsersService } from '../users/users.service';

@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Seed');
  constructor(private readonly users: UsersService) {}

  /** Seeds only an empty database; returns whether it did. */
  async seedIfEmpty(): Promise<boolean> {
    if (!(await this.users.isEmpty())) return false;
    this.logger.log('seeding demo data');
    return true;
  }
}
