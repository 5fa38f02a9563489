import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { CampaignListQueryDto, StartRecheckCampaignDto } from './campaign.dto';
import { RecheckCampaignService } from './campaign.service';
import { ApiOk, linkById } from '../openapi/decorators';
import * as R from '../openapi/responses';

@ApiTags('recheck-campaigns')
@ApiBearerAuth()
@Controller('recheck-campaigns')
export class RecheckCampaignController {
  constructor(@Inject(RecheckCampaignService) private readonly campaigns: RecheckCampaignService) {}

  /** A county officer rechecks every matching case of the county now, at a set rate. */
  @Post()
  @HttpCode(202)
  @Roles('COUNTY_OFFICER')
  @ApiOk(R.CampaignDetail, { status: 202, links: { GetCampaign: linkById('RecheckCampaignController_get') } })
  start(@CurrentActor() actor: Actor, @Body() body: StartRecheckCampaignDto, @RequestId() requestId: string) {
    return this.campaigns.start(actor, body, requestId);
  }

  @Get()
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.CampaignList)
  list(@CurrentActor() actor: Actor, @Query() query: CampaignListQueryDto) {
    return this.campaigns.list(actor, query.county);
  }

  @Get(':id')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.CampaignDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.campaigns.get(actor, id);
  }
}
