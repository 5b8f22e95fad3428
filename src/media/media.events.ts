import { Injectable } from '@nestjs/common';
import { RealtimeService } from '../realtime/realtime.service';
import type { MediaItem } from './entities/media-item.entity';

/** Payload of the `media.status` socket event sent to a file's owner. */
export interface MediaStatusEvent {
  id: string;
  entryId: string;
  status: string;
  /** 0..1 while uploading or processing, when known. */
  progress?: number;
  reason?: { code: string; params?: Record<string, unknown> } | null;
  /** Why processing waits (e.g. "ffmpeg" when it is not installed). */
  waitingFor?: string;
}

/** Live progress and outcome of a file, to its owner's sockets. */
@Injectable()
export class MediaEvents {
  constructor(private readonly realtime: RealtimeService) {}

  status(
    item: Pick<MediaItem, 'id' | 'entryId' | 'ownerId' | 'status' | 'reason'>,
    extra: Partial<MediaStatusEvent> = {},
  ) {
    const payload: MediaStatusEvent = {
      id: item.id,
      entryId: item.entryId,
      status: item.status,
      reason: item.reason ?? null,
      ...extra,
    };
    this.realtime.toUser(item.ownerId, 'media.status', payload);
  }
}
