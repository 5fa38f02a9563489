import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, Roles } from '../auth/decorators';
import { PaymentBatchListQuery } from '../core/contracts/record-lists';
import type { Actor } from '../core/contracts/roles';
import { ApiOkOrXlsx } from '../export/api-xlsx';
import { listWorkbook } from '../export/list-workbook';
import { PAYMENT_BATCH_EXPORT_COLUMNS } from '../export/record-exports';
import { PaymentBatchPage } from './fund-responses';
import { PaymentBatchService } from './payment-batch.service';

class PaymentBatchListQueryDto extends createZodDto(PaymentBatchListQuery) {}

/** Past payment batches: county civil affairs and the auditor, as GET /payments. */
@ApiTags('enrolled-cases')
@ApiBearerAuth()
@Controller('payments/batches')
export class PaymentBatchController {
  constructor(@Inject(PaymentBatchService) private readonly batches: PaymentBatchService) {}

  @Get()
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOkOrXlsx(PaymentBatchPage, '发放批次')
  list(@CurrentActor() actor: Actor, @Query() q: PaymentBatchListQueryDto) {
    if (q.format === 'xlsx')
      return listWorkbook(
        { sheet: '发放批次', filename: 'payment-batches.xlsx', columns: PAYMENT_BATCH_EXPORT_COLUMNS },
        (page, pageSize) => this.batches.list(actor, { ...q, page, pageSize }),
      );
    return this.batches.list(actor, q);
  }
}
