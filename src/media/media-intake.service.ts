import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/errors/app-error';
import type { AppConfig } from '../config/config';
import {
  mediaKindProblem,
  mediaResolutionProblem,
  mediaSizeProblem,
  RuleProblem,
} from '../contests/contest-rules';
import { APP_CONFIG } from '../config/config.module';
import { JobsService } from '../jobs/jobs.service';
import { MEDIA_STORAGE, MediaStorage } from '../storage/storage';
import { MediaItem, MediaStatus } from './entities/media-item.entity';
import { checkFileName, CheckedName, MAX_NAME_LENGTH } from './file-names';
import {
  MEDIA_ACCESS_POLICY,
  MEDIA_RULES_SOURCE,
  MediaAccessPolicy,
  MediaRules,
  MediaRulesSource,
} from './media-policy';
import { MediaRepository } from './media.repository';
import { MediaEvents } from './media.events';
import { MediaTools } from './media-tools';
import {
  containsMarkup,
  declaredMarkup,
  declaredForeign,
  declaredMismatch,
  kindFromDeclared,
  sniff,
  SniffedFormat,
} from './sniff';
import { checkImageEnds, checkOoxml, checkPdf, readAt } from './structure';
import './messages';

export const PROCESS_QUEUE = 'media.process';

export interface UploadIntent {
  rules: MediaRules;
  name: CheckedName;
  declaredType?: string;
}

export interface ReceivedFile {
  path: string;
  sha256: string;
  size: number;
}

const unprocessable = (code: string, params?: Record<string, unknown>) =>
  new AppError(HttpStatus.UNPROCESSABLE_ENTITY, code, params);

/** A broken category rule (the same checks the entries feature makes again at submission). */
const refused = (problem: RuleProblem) =>
  problem.code === 'media.too_large'
    ? new AppError(HttpStatus.PAYLOAD_TOO_LARGE, problem.code, problem.params)
    : unprocessable(problem.code, problem.params);

/**
 * Admission of uploaded files, shared by multipart and resumable uploads: who may upload, the
 * category's limits, and the content checks (magic bytes, structure, declared type) that are
 * cheap enough for the request. Decoding and derivatives happen later, in a job.
 */
@Injectable()
export class MediaIntakeService {
  constructor(
    private readonly repository: MediaRepository,
    private readonly jobs: JobsService,
    private readonly tools: MediaTools,
    private readonly events: MediaEvents,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(MEDIA_RULES_SOURCE) private readonly rulesSource: MediaRulesSource,
    @Inject(MEDIA_ACCESS_POLICY) private readonly policy: MediaAccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks made before any byte is accepted: the entry, permission and the count limit. */
  async begin(principal: Principal, entryId: string): Promise<MediaRules> {
    const rules = await this.rulesSource.rulesFor(entryId);
    if (!rules) throw AppError.notFound('media.entry_not_found');
    if (!(await this.policy.canUpload(principal, entryId)))
      throw AppError.forbidden('media.upload_forbidden');
    const count = await this.repository.countActive(entryId, this.uploadsSince());
    if (count >= rules.maxCount) throw AppError.conflict('media.too_many', { max: rules.maxCount });
    return rules;
  }

  /** Uploads in progress started before this have expired: they hold no place any more. */
  private uploadsSince(): Date {
    return new Date(Date.now() - this.config.media.uploadExpiryHours * 3600_000);
  }

  /**
   * Takes one of the entry's places for a resumable upload before any of its bytes is sent: its
   * row, `uploading`, counted with the files kept and the other uploads in progress under a
   * per-entry lock in the database (so that instances agree). The place is given back when the
   * upload is terminated, refused, or expires.
   */
  async reserve(
    principal: Principal,
    entryId: string,
    intent: UploadIntent,
    size: number,
    tusId: string,
  ): Promise<MediaItem> {
    return this.repository.transaction(async (manager) => {
      await this.repository.lockEntry(entryId, manager);
      const count = await this.repository.countActive(entryId, this.uploadsSince(), manager);
      if (count >= intent.rules.maxCount)
        throw AppError.conflict('media.too_many', { max: intent.rules.maxCount });
      return this.repository.create(
        {
          entryId,
          ownerId: principal.id,
          status: MediaStatus.Uploading,
          originalName: intent.name.name,
          declaredType: intent.declaredType?.slice(0, 200) || null,
          sizeBytes: size,
          tusId,
        },
        manager,
      );
    });
  }

  /** The announced file: its name, declared type and (when known) size. */
  describe(
    rules: MediaRules,
    rawName: string | undefined,
    declaredType: string | undefined,
    announcedSize?: number,
  ): UploadIntent {
    const name = checkFileName(rawName);
    if ('problem' in name) {
      if (name.problem === 'empty') throw AppError.badRequest('media.name_required');
      if (name.problem === 'too_long')
        throw AppError.badRequest('media.name_too_long', { max: MAX_NAME_LENGTH });
      throw AppError.badRequest('media.invalid_name', { problem: name.problem });
    }
    // announced as markup (it can carry scripts) or as no accepted format: refused before any byte
    if (declaredMarkup(declaredType, name.extension)) throw unprocessable('media.markup');
    if (declaredForeign(declaredType, name.extension))
      throw unprocessable('media.unsupported_format');
    const announced = kindFromDeclared(declaredType, name.extension);
    const kind = announced ? mediaKindProblem(rules, announced) : null;
    if (kind) throw refused(kind);
    const size =
      announcedSize !== undefined ? mediaSizeProblem(announcedSize, this.maxBytes(rules)) : null;
    if (size) throw refused(size);
    return { rules, name, declaredType };
  }

  /** A name accepted earlier (stored on the upload), split again for the content checks. */
  describeName(stored: string): CheckedName {
    const name = checkFileName(stored);
    return 'problem' in name ? { name: stored, extension: '' } : name;
  }

  maxBytes(rules: MediaRules): number {
    return Math.min(rules.maxSizeBytes, this.config.media.maxUploadBytes);
  }

  /** Content checks on a file fully received; throws (after removing the file) when refused. */
  async inspect(file: ReceivedFile, intent: UploadIntent): Promise<SniffedFormat> {
    try {
      return await this.inspectOrThrow(file, intent);
    } catch (err) {
      await this.storage.removeTemp(file.path);
      throw err;
    }
  }

  private async inspectOrThrow(file: ReceivedFile, intent: UploadIntent): Promise<SniffedFormat> {
    if (file.size === 0) throw unprocessable('media.empty');
    const size = mediaSizeProblem(file.size, this.maxBytes(intent.rules));
    if (size) throw refused(size);
    const head = await readAt(file.path, 0, 4100);
    const sniffed = sniff(head);
    let type: SniffedFormat;
    if (sniffed.ok === false) {
      throw unprocessable(
        sniffed.reason === 'unsupported' ? 'media.unsupported_format' : `media.${sniffed.reason}`,
      );
    } else if (sniffed.ok === 'zip') {
      const office = await checkOoxml(file.path, file.size);
      if ('problem' in office) throw unprocessable(`media.${office.problem}`);
      type = office.type;
    } else {
      type = sniffed.type;
    }
    const mismatch = declaredMismatch(type, intent.declaredType, intent.name.extension);
    if (mismatch) {
      throw unprocessable(
        mismatch.field === 'type' ? 'media.type_mismatch' : 'media.extension_mismatch',
        {
          declared: mismatch.declared,
          detected: type.mime,
        },
      );
    }
    const kind = mediaKindProblem(intent.rules, type.kind);
    if (kind) throw refused(kind);
    if (type.kind === 'image') await this.inspectImage(file, type, head, intent.rules);
    if (type.format === 'pdf') {
      const problem = await checkPdf(file.path, file.size);
      if (problem) throw unprocessable(`media.${problem}`);
    }
    return type;
  }

  private async inspectImage(
    file: ReceivedFile,
    type: SniffedFormat,
    head: Buffer,
    rules: MediaRules,
  ) {
    const ends = await checkImageEnds(file.path, type.format, file.size);
    if (ends) throw unprocessable(`media.${ends}`);
    const tail = await readAt(file.path, Math.max(0, file.size - 65_536), 65_536);
    if (containsMarkup(head) || containsMarkup(tail)) throw unprocessable('media.hidden_markup');
    let header: { width: number; height: number; orientation?: number };
    try {
      header = await this.tools.imageHeader(file.path);
    } catch {
      throw unprocessable('media.decode_failed');
    }
    const max = this.config.media.maxPixels;
    if (!header.width || !header.height) throw unprocessable('media.decode_failed');
    if (header.width * header.height > max) {
      throw unprocessable('media.too_many_pixels', {
        width: header.width,
        height: header.height,
        max,
      });
    }
    const resolution = mediaResolutionProblem(rules, header.width, header.height);
    if (resolution) throw refused(resolution);
  }

  /**
   * Stores an inspected file under its hash and records it as processing, with its job, in one
   * transaction; the count limit is checked again under a per-entry lock (a finished resumable
   * upload, `existing`, holds its place already: it is counted once, as itself).
   */
  async admit(
    principal: Principal,
    entryId: string,
    file: ReceivedFile,
    type: SniffedFormat,
    intent: UploadIntent,
    existing?: MediaItem,
  ): Promise<MediaItem> {
    const stored = await this.storage.commit(file.path, file.sha256);
    let item: MediaItem;
    try {
      item = await this.repository.transaction(async (manager) => {
        await this.repository.lockEntry(entryId, manager);
        // a submission holds the same lock: once it has committed, the entry takes no file
        if (!(await this.policy.canUpload(principal, entryId, manager)))
          throw AppError.forbidden('media.upload_forbidden');
        const count = await this.repository.countActive(
          entryId,
          this.uploadsSince(),
          manager,
          existing?.id,
        );
        if (count >= intent.rules.maxCount)
          throw AppError.conflict('media.too_many', { max: intent.rules.maxCount });
        const data: Partial<MediaItem> = {
          entryId,
          ownerId: principal.id,
          kind: type.kind,
          status: MediaStatus.Processing,
          reason: null,
          originalName: intent.name.name,
          declaredType: intent.declaredType?.slice(0, 200) || null,
          mime: type.mime,
          format: type.format,
          sizeBytes: file.size,
          sha256: stored.key,
          tusId: null,
        };
        let saved: MediaItem;
        if (existing) {
          await this.repository.update(existing.id, data, manager);
          saved = { ...existing, ...data };
        } else {
          saved = await this.repository.create(data, manager);
        }
        await this.jobs.enqueue(PROCESS_QUEUE, { mediaId: saved.id }, manager);
        return saved;
      });
    } catch (err) {
      if (
        !stored.existed &&
        !(await this.repository.isReferenced(stored.key, existing?.id ?? ''))
      ) {
        await this.storage.remove(stored.key);
      }
      throw err;
    }
    this.jobs.poke();
    this.events.status(item);
    return item;
  }
}
