import { Module } from '@nestjs/common';
import { CampaignScheduleController } from './campaign-schedule.controller';
import { CampaignScheduleService } from './campaign-schedule.service';
import { RecheckCampaignController } from './campaign.controller';
import { RecheckCampaignRepository } from './campaign.repository';
import { RecheckCampaignService } from './campaign.service';

/** Recheck campaigns and the yearly campaign schedule. */
@Module({
  controllers: [RecheckCampaignController, CampaignScheduleController],
  providers: [RecheckCampaignRepository, RecheckCampaignService, CampaignScheduleService],
})
export class RecheckCampaignsModule {}
