import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { AnnualCampaignSchedule, StartRecheckCampaign } from '../core/contracts/recheck-campaign';
import { CountyCode } from '../core/contracts/division';

export class StartRecheckCampaignDto extends createZodDto(StartRecheckCampaign) {}
export class AnnualCampaignScheduleDto extends createZodDto(AnnualCampaignSchedule) {}
export class CampaignListQueryDto extends createZodDto(z.strictObject({ county: CountyCode })) {}
export const CountyCodeParam = new ZodValidationPipe(CountyCode);
