import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { BankReturnController } from './bank-return.controller';
import { BankReturnService } from './bank-return.service';
import { FundCheckController } from './fund-check.controller';
import { FundCheckSchedule } from './fund-check.schedule';
import { FundCheckService } from './fund-check.service';
import { FundReportController } from './fund-report.controller';
import { FundReportService } from './fund-report.service';
import { PaymentBatchController } from './payment-batch.controller';
import { PaymentBatchService } from './payment-batch.service';

/** Funds paid on time and in full (资金按时足额发放, plan 三(三)): bank return files, the monthly check, the report. */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => {
        // As the data batches: to disk, streamed twice (hash, then rows), removed after the request.
        const dest = join(tmpdir(), 'safetynet-uploads');
        mkdirSync(dest, { recursive: true });
        return {
          dest,
          defParamCharset: 'utf8',
          limits: { fileSize: c.MONITORING_UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 4, parts: 5 },
        };
      },
    }),
  ],
  controllers: [BankReturnController, FundCheckController, FundReportController, PaymentBatchController],
  providers: [BankReturnService, FundCheckService, FundReportService, FundCheckSchedule, PaymentBatchService],
  exports: [FundCheckService],
})
export class FundsModule {}
