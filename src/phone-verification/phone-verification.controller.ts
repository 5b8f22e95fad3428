import { Controller, Headers, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { Body } from '../common/validation/params';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators';
import { ErrorBodyView } from '../common/errors/error-body.view';
import {
  CodeSentView,
  SendCodeDto,
  VerifiedPhoneView,
  VerifyCodeDto,
} from './dto/phone-verification.dto';
import { PhoneVerificationService } from './phone-verification.service';

@ApiTags('phone-verification')
@Public()
@Controller('phone-verification')
export class PhoneVerificationController {
  constructor(private readonly service: PhoneVerificationService) {}

  @Post('send')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Send a one-time code to a Vietnamese phone number (SMS / Zalo gateway)',
    description:
      'Limited per phone, per client address and per device (429 phone_verification.send_limited ' +
      'with Retry-After). The code expires after OTP_TTL_SECONDS and allows OTP_MAX_ATTEMPTS tries.',
  })
  @ApiHeader({ name: 'X-Voter-Token', required: false, description: 'Device token' })
  @ApiAcceptedResponse({ type: CodeSentView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiTooManyRequestsResponse({ type: ErrorBodyView })
  send(
    @Body() dto: SendCodeDto,
    @Headers('x-voter-token') voterHeader: string | undefined,
    @Req() req: FastifyRequest,
  ): Promise<CodeSentView> {
    return this.service.send(dto.phone, req.ip, dto.voterToken ?? voterHeader);
  }

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Check a code; gives a verified-phone token to vote with (phoneToken)',
    description:
      'Refusals: phone_verification.wrong_code (400, with the tries left), code_expired (410), ' +
      'too_many_attempts (429), no_code (400).',
  })
  @ApiOkResponse({ type: VerifiedPhoneView })
  @ApiBadRequestResponse({ type: ErrorBodyView })
  @ApiGoneResponse({ type: ErrorBodyView })
  @ApiTooManyRequestsResponse({ type: ErrorBodyView })
  verify(@Body() dto: VerifyCodeDto): Promise<VerifiedPhoneView> {
    return this.service.verify(dto.phone, dto.code);
  }
}
