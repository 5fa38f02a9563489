import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Reconciliation } from '../core/contracts/enrolment';
import type { Actor } from '../core/contracts/roles';
import { PaymentListQueryDto, reconciliationBody, reconciliationPipe } from './enrolment.dto';
import { EnrolmentService } from './enrolment.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

/** Monthly payment instructions of enrolled cases and the bank's answer for each. */
@ApiTags('enrolled-cases')
@ApiBearerAuth()
@Controller('payments')
export class PaymentController {
  constructor(@Inject(EnrolmentService) private readonly enrolment: EnrolmentService) {}

  @Get()
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.PaymentPage)
  payments(@CurrentActor() actor: Actor, @Query() query: PaymentListQueryDto) {
    return this.enrolment.payments(actor, query);
  }

  @Post(':id/reconciliation')
  @HttpCode(200)
  @Roles('COUNTY_OFFICER')
  @ApiBody(reconciliationBody)
  @ApiOk(R.Reconciled)
  reconcile(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body(reconciliationPipe) body: Reconciliation,
    @RequestId() requestId: string,
  ) {
    return this.enrolment.reconcile(actor, id, body, requestId);
  }
}
