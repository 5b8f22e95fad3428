import { Module } from '@nestjs/common';
import { JudgingModule } from '../judging/judging.module';
import { MediaModule } from '../media/media.module';
import { VoteIntegrityModule } from '../vote-integrity/vote-integrity.module';
import { PagesController } from './pages.controller';
import { PagesRepository } from './pages.repository';
import { PagesService } from './pages.service';

/** The voting page, the livestream overlay, the results page and the control page. */
@Module({
  imports: [VoteIntegrityModule, JudgingModule, MediaModule],
  controllers: [PagesController],
  providers: [PagesRepository, PagesService],
})
export class PagesModule {}
