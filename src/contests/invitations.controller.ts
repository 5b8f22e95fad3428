import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { ErrorBodyView } from '../common/errors/error-body.view';
import { Body } from '../common/validation/params';
import { AcceptedInvitationView, AcceptInvitationDto } from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('contests')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Accept an invitation with its code (the invited phone or email must be the account’s)',
  })
  @ApiOkResponse({ type: AcceptedInvitationView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiForbiddenResponse({ type: ErrorBodyView, description: 'Sent to someone else' })
  @ApiNotFoundResponse({ type: ErrorBodyView, description: 'Wrong or used code' })
  @ApiConflictResponse({
    type: ErrorBodyView,
    description: 'Expired, or the account kind does not fit',
  })
  accept(
    @Body() dto: AcceptInvitationDto,
    @CurrentUser() user: Principal,
  ): Promise<AcceptedInvitationView> {
    return this.invitations.accept(dto.code, user);
  }
}
