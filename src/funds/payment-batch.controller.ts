import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, Roles } from '../auth/decorators';
import { PaymentBatchListQuery } from '../core/contracts/record-lists';
import type { Actor } from '../core/contracts/roles';
import { ApiOk } from '../openapi/decorators';
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
  @ApiOk(PaymentBatchPage)
  list(@CurrentActor() actor: Actor, @Query() q: PaymentBatchListQueryDto) {
    return this.batches.list(actor, q);
  }
}
