import { Module } from '@nestjs/common';
import { CreditRecordController } from './credit-record.controller';
import { CreditRecordRepository } from './credit-record.repository';
import { CreditRecordService } from './credit-record.service';

/** Supervision (plan 三(三)): truthful-declaration credit records (诚信申报记录) of households. */
@Module({
  controllers: [CreditRecordController],
  providers: [CreditRecordService, CreditRecordRepository],
})
export class CreditRecordsModule {}
