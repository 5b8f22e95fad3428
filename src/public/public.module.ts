import { Module } from '@nestjs/common';
import { EntriesModule } from '../entries/entries.module';
import { MediaModule } from '../media/media.module';
import { PublicController } from './public.controller';
import { PublicService } from './public.service';

@Module({
  imports: [EntriesModule, MediaModule],
  controllers: [PublicController],
  providers: [PublicService],
})
export class PublicModule {}
