import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import { OpenEmergencyReferral } from '../core/contracts/referral';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import { EmergencyReferralOpened } from './referral-responses';
import { EmergencyReferralService } from './emergency-referral.service';

class OpenEmergencyReferralDto extends createZodDto(OpenEmergencyReferral) {}

@ApiTags('emergency-aid')
@ApiBearerAuth()
@Controller('emergency-aid')
export class EmergencyReferralController {
  constructor(@Inject(EmergencyReferralService) private readonly referrals: EmergencyReferralService) {}

  /**
   * Refers the emergency case to the charity emergency fund or the vagrant relief route. Asked
   * twice, it answers the referral already open (`opened: false`) instead of opening another.
   */
  @Post(':id/referrals')
  @HttpCode(200)
  @Roles('TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER')
  @ApiOk(EmergencyReferralOpened)
  @ApiErrors(400, 404)
  open(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: OpenEmergencyReferralDto,
    @RequestId() requestId: string,
  ) {
    return this.referrals.open(actor, id, body, requestId);
  }
}
