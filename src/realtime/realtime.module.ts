import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeService } from './realtime.service';
import { RoomRegistry } from './room-registry';
import { SocketSessions } from './socket-sessions';
import { UsersModule } from '../users/users.module';

/** Socket delivery for every feature: rooms they register, events they send. */
@Global()
@Module({
  imports: [AuthModule, UsersModule],
  providers: [RealtimeGateway, RealtimeService, RoomRegistry, SocketSessions],
  exports: [RealtimeService, RoomRegistry],
})
export class RealtimeModule {}
