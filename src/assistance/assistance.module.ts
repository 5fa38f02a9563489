import { Module } from '@nestjs/common';
import { piiCipherProvider } from '../registry/registry.module';
import { ReferralController } from './referral.controller';
import { ReferralRepository } from './referral.repository';
import { ReferralService } from './referral.service';
import { EmergencyReferralController } from './emergency-referral.controller';
import { EmergencyReferralService } from './emergency-referral.service';
import { ZeroEmploymentController } from './zero-employment.controller';
import { ZeroEmploymentRepository } from './zero-employment.repository';
import { ZeroEmploymentService } from './zero-employment.service';

/** Regular assistance (常态化救助帮扶): referrals to departments, their feedback, coverage, the 零就业 register and emergency referrals. */
@Module({
  controllers: [ReferralController, ZeroEmploymentController, EmergencyReferralController],
  providers: [
    ReferralRepository,
    ReferralService,
    ZeroEmploymentRepository,
    ZeroEmploymentService,
    EmergencyReferralService,
    piiCipherProvider,
  ],
})
export class AssistanceModule {}
