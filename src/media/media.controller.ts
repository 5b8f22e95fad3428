import { uuidParam } from '../common/validation/uuid-param';
import { Controller, Get, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { Param, Query } from '../common/validation/params';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import { CurrentUser, Public } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import { discardUnreadBody } from '../common/http/unread-body';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { EntryQueryDto, MediaView, SignedMediaQueryDto } from './dto/media.dto';
import { MediaUrlSigner } from './media-url.signer';
import { isPageVariant, MAX_PAGE_IMAGES, MediaVariant } from './entities/media-item.entity';
import { MediaService } from './media.service';
import './messages';

const VARIANTS = ['original', 'thumb', 'preview', 'mobile', 'poster', 'page', 'social'];
/** How long the rest of a refused upload's body is read and dropped before the connection closes. */
const UNREAD_BODY_MAX_MS = 60_000;

/** A file part as @fastify/multipart hands it over (busboy's stream). */
interface MultipartPart {
  file: Readable & { truncated?: boolean };
  filename: string;
  mimetype: string;
}
type MultipartRequest = FastifyRequest & {
  isMultipart(): boolean;
  file(options: {
    limits: Record<string, number>;
    preservePath?: boolean;
  }): Promise<MultipartPart | undefined>;
};

/** Maps errors of the multipart parser to the product's errors. */
function multipartError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string })?.code ?? '';
  const message = (err as Error)?.message ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return err;
  if (
    code.startsWith('FST_') ||
    /Unexpected end of (form|multipart)|Malformed|boundary/i.test(message)
  ) {
    return AppError.badRequest('media.multipart_malformed');
  }
  if (code === 'ECONNRESET' || /aborted|premature close/i.test(message)) {
    return AppError.badRequest('media.multipart_malformed');
  }
  return err;
}

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    private readonly verifier: AccessTokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signer: MediaUrlSigner,
  ) {}

  /**
   * Routes that anonymous visitors may call still honour a token when one is sent (Bearer, or
   * the web app's access cookie).
   */
  private optionalPrincipal(req: FastifyRequest): Promise<Principal | null> {
    return this.verifier.optionalFromRequest(req);
  }

  @Post('uploads')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Upload a small file to an entry (multipart, field "file"); large files use tus',
    description:
      'Streams to disk while hashing, checks the content (not the name) and queues processing. ' +
      'Resumable uploads: tus 1.0 at /media/uploads/tus with Upload-Metadata entryId, filename, filetype.',
  })
  @ApiCreatedResponse({ type: MediaView })
  async upload(
    @CurrentUser() user: Principal,
    @Query() query: EntryQueryDto,
    @Req() req: MultipartRequest,
  ): Promise<MediaView> {
    if (!req.isMultipart()) throw AppError.badRequest('media.multipart_required');
    try {
      return await this.media.receive(user, query.entryId, async (maxBytes) => {
        const part = await req.file({
          // the name is checked as sent: a path in it is refused, not silently cut
          preservePath: true,
          limits: {
            files: 1,
            fields: 10,
            parts: 11,
            headerPairs: 50,
            fieldSize: 1024,
            // one byte past the limit reaches the service, which refuses the file with the
            // limit's own error; the parser stops there (and marks the file truncated)
            fileSize: maxBytes + 1,
          },
        });
        return part
          ? {
              stream: part.file,
              filename: part.filename,
              mimetype: part.mimetype,
              truncated: () => part.file.truncated === true,
            }
          : undefined;
      });
    } catch (err) {
      throw multipartError(err);
    } finally {
      // an answer given before the body was read to its end (a refusal): the rest is read and
      // dropped (up to a bound) so that the connection can carry the next request
      discardUnreadBody(req.raw, {
        maxBytes: this.config.media.multipartMaxBytes,
        idleMs: this.config.media.uploadIdleTimeoutMs,
        maxMs: UNREAD_BODY_MAX_MS,
      });
    }
  }

  @Get()
  @Public()
  @ApiBearerAuth()
  @ApiOperation({ summary: "An entry's files that the caller may see" })
  @ApiOkResponse({ type: [MediaView] })
  list(@Query() query: EntryQueryDto, @Req() req: FastifyRequest): Promise<MediaView[]> {
    return this.optionalPrincipal(req).then((p) => this.media.list(p, query.entryId));
  }

  @Get(':id')
  @Public()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A file: status, reason, facts and available versions' })
  @ApiOkResponse({ type: MediaView })
  async get(@Param('id', uuidParam) id: string, @Req() req: FastifyRequest): Promise<MediaView> {
    return this.media.get(await this.optionalPrincipal(req), id);
  }

  @Get(':id/:variant')
  @Public()
  @ApiBearerAuth()
  @ApiParam({
    name: 'variant',
    schema: {
      type: 'string',
      pattern: `^(${VARIANTS.join('|')}|page-[0-9]+)$`,
      example: 'preview',
    },
    description: `${VARIANTS.join(', ')}; a document's further page images: page-2 … page-${MAX_PAGE_IMAGES}`,
  })
  @ApiProduces('application/octet-stream')
  @ApiOperation({
    summary: 'The bytes of a file or of one of its versions (Range, ETag, Cache-Control)',
    description:
      'Originals and documents are downloads (Content-Disposition: attachment). A signed address ' +
      '(u, s, r, e, sig: given with a judged entry) stands in for the Authorization header; it is ' +
      'refused after its expiry, for anyone signed in as someone else, and as soon as its viewer ' +
      'loses access (403).',
  })
  @ApiOkResponse({
    description:
      'The bytes (206 for a range, 304 when unchanged; 302 to the object store when it serves downloads)',
  })
  async file(
    @Param('id', uuidParam) id: string,
    @Param('variant') variant: string,
    @Req() req: FastifyRequest,
    @Headers('range') range: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Query() signed: SignedMediaQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!VARIANTS.includes(variant) && !isPageVariant(variant))
      throw AppError.notFound('media.not_found');
    const caller = await this.optionalPrincipal(req);
    let principal = caller;
    let roundId: string | null = null;
    if (this.signer.isSigned(signed)) {
      const grant = await this.signer.verify(id, variant, signed);
      // bound to its viewer: someone signed in as another person is refused
      if (caller && caller.id !== grant.principal.id) throw AppError.forbidden('media.url_invalid');
      principal = grant.principal;
      roundId = grant.roundId;
    }
    const res = await this.media.file(
      principal,
      id,
      variant as MediaVariant,
      range,
      ifNoneMatch,
      roundId,
    );
    if (roundId) res.headers['referrer-policy'] = 'no-referrer';
    void reply.status(res.status).headers(res.headers);
    await reply.send(res.body ?? '');
  }
}
