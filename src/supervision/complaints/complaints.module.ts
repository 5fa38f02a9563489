import { Module } from '@nestjs/common';
import { piiCipherProvider } from '../../registry/registry.module';
import { ComplaintController } from './complaint.controller';
import { ComplaintRepository } from './complaint.repository';
import { ComplaintService } from './complaint.service';
import { PublicComplaintController } from './public-complaint.controller';
import { ComplaintSubmissionLimit } from './submission-limits';

/** Supervision (plan 三(三)): complaints and reports (投诉举报), public and by hotline. */
@Module({
  controllers: [PublicComplaintController, ComplaintController],
  providers: [ComplaintService, ComplaintRepository, ComplaintSubmissionLimit, piiCipherProvider],
  exports: [ComplaintService],
})
export class ComplaintsModule {}
