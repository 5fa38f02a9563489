import { Module } from '@nestjs/common';
import { piiCipherProvider } from '../registry/registry.module';
import { ReferralController } from './referral.controller';
import { ReferralRepository } from './referral.repository';
import { ReferralService } from './referral.service';

/** Regular assistance (常态化救助帮扶): referrals to departments, their feedback, and coverage. */
@Module({
  controllers: [ReferralController],
  providers: [ReferralRepository, ReferralService, piiCipherProvider],
})
export class AssistanceModule {}
