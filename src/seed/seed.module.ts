import { Module } from '@nestjs/common';
import { OrgUnitsModule } from '../org-units/org-units.module';
import { UsersModule } from '../users/users.module';
import { DemoSeeder } from './demo.seeder';

@Module({
  imports: [OrgUnitsModule, UsersModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class SeedModule {}
