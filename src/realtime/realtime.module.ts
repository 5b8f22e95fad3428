import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeService } from './realtime.service';
import { RoomRegistry } from './room-registry';

/** Socket delivery for every feature: rooms they register, events they send. */
@Global()
@Module({
  imports: [AuthModule],
  providers: [RealtimeGateway, RealtimeService, RoomRegistry],
  exports: [RealtimeService, RoomRegistry],
})
export class RealtimeModule {}
