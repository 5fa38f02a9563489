import { Module } from '@nestjs/common';
import { RecoveryController } from './recovery.controller';
import { RecoveryRepository } from './recovery.repository';
import { RecoveryService } from './recovery.service';

/** Supervision (plan 三(三)): recovery of wrongly paid aid (追缴) and corrections of staff errors (容错纠错). */
@Module({
  controllers: [RecoveryController],
  providers: [RecoveryService, RecoveryRepository],
})
export class RecoveryModule {}
