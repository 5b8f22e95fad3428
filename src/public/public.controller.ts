import { Controller, Get, Req, Res } from '@nestjs/common';
import { Param, Query } from '../common/validation/params';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators';
import { AppError } from '../common/errors/app-error';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { renderPublicEntryPage } from './public-entry.html';
import { PublicEntryView } from './public-entry.view';
import { PublicService } from './public.service';

/** HTML when asked for it (?format=html, or a browser/crawler Accept header preferring it). */
export function wantsHtml(accept: string | undefined, format: string | undefined): boolean {
  if (format === 'html') return true;
  if (format === 'json') return false;
  if (!accept) return false;
  let html = -1;
  let json = -1;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) || 0 : 1;
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, weight);
    if (type === 'application/json') json = Math.max(json, weight);
  }
  return html > 0 && html >= json;
}

@ApiTags('public')
@Controller('p')
export class PublicController {
  constructor(private readonly publicEntries: PublicService) {}

  @Public()
  @Get(':publicId')
  @ApiOperation({
    summary: 'A published entry: JSON, or a light HTML page with Open Graph tags for sharing',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiOkResponse({ type: PublicEntryView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async entry(
    @Param('publicId') publicId: string,
    @Query('format') format: string | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicEntryView | string> {
    if (!/^[A-Za-z0-9_-]{6,16}$/.test(publicId)) throw AppError.notFound('entries.not_found');
    const view = await this.publicEntries.entry(publicId, `${req.protocol}://${req.host}`);
    void reply.header('vary', 'Accept').header('cache-control', 'public, max-age=60');
    if (wantsHtml(req.headers.accept, format)) {
      void reply.type('text/html; charset=utf-8');
      return renderPublicEntryPage(view);
    }
    return view;
  }
}
