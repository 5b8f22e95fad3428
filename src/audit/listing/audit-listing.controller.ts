import { Controller, Get } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { ErrorBodyView } from '../../common/errors/error-body.view';
import { Query } from '../../common/validation/params';
import { AuditPage, AuditRecordView, ListAuditQuery } from './audit-listing.dto';
import { AuditListingService } from './audit-listing.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditListingController {
  constructor(private readonly audit: AuditListingService) {}

  @Get()
  @ApiOperation({
    summary: 'Who did what and when, newest first, filterable',
    description:
      'Administrators see every record; organizers only a contest they organize (contestId required).',
  })
  @ApiOkResponse({ type: AuditPage })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiForbiddenResponse({ type: ErrorBodyView })
  @ApiNotFoundResponse({ type: ErrorBodyView })
  async list(@Query() query: ListAuditQuery, @CurrentUser() user: Principal): Promise<AuditPage> {
    const limit = query.limit ?? 50;
    const rows = await this.audit.list({ ...query, limit }, user);
    return {
      items: rows.map(AuditRecordView.of),
      nextCursor: rows.length === limit ? rows[rows.length - 1].id : null,
    };
  }
}
