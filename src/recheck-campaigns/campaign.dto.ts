import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { AnnualCampaignSchedule, StartRecheckCampaign } from '../contracts/recheck-campaign';

const countyCode = z.string().regex(/^\d{6}$/, { error: '须为 6 位县级区划代码' });

export class StartRecheckCampaignDto extends createZodDto(StartRecheckCampaign) {}
export class AnnualCampaignScheduleDto extends createZodDto(AnnualCampaignSchedule) {}
export class CampaignListQueryDto extends createZodDto(z.strictObject({ county: countyCode })) {}
export const CountyCodeParam = new ZodValidationPipe(countyCode);
