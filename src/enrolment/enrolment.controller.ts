import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentActor, NotForDepartmentLiaisons, RequestId, Roles } from '../auth/decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import type { RecheckAction, Reconciliation } from '../contracts/enrolment';
import type { Actor } from '../contracts/roles';
import {
  EnrolledCaseListQueryDto, PaymentFailureResolutionDto, PaymentListQueryDto, recheckActionBody, recheckActionPipe, reconciliationBody, reconciliationPipe, ReportChangeDto, SuspendResumeDto,
} from './enrolment.dto';
import { EnrolmentService } from './enrolment.service';

@ApiTags('enrolled-cases')
@ApiBearerAuth()
@Controller('api/v1')
export class EnrolmentController {
  constructor(@Inject(EnrolmentService) private readonly enrolment: EnrolmentService) {}

  /**
   * A change in an enrolled household. `:id` is the enrolled case's id; the id of the
   * application (determination case) that enrolled it is accepted too.
   */
  @Post('cases/:id/changes')
  @HttpCode(202)
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER')
  reportChange(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: ReportChangeDto, @RequestId() requestId: string) {
    return this.enrolment.reportChange(actor, id, body, requestId);
  }

  @Get('enrolled-cases')
  @NotForDepartmentLiaisons()
  list(@CurrentActor() actor: Actor, @Query() query: EnrolledCaseListQueryDto) {
    return this.enrolment.list(actor, query);
  }

  @Get('enrolled-cases/:id')
  @NotForDepartmentLiaisons()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.enrolment.get(actor, id);
  }

  @Post('enrolled-cases/:id/suspend')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  suspend(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: SuspendResumeDto, @RequestId() requestId: string) {
    return this.enrolment.supervise(actor, id, 'suspend', body.reason, requestId);
  }

  @Post('enrolled-cases/:id/resume')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  resume(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: SuspendResumeDto, @RequestId() requestId: string) {
    return this.enrolment.supervise(actor, id, 'resume', body.reason, requestId);
  }

  /** Completes a RECHECK_INVESTIGATE (recordInvestigation) or RECHECK_DECIDE (decide) task. */
  @Post('recheck-tasks/:id/complete')
  @HttpCode(200)
  @ApiBody(recheckActionBody)
  completeRecheckTask(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body(recheckActionPipe) body: RecheckAction, @RequestId() requestId: string) {
    return this.enrolment.completeRecheckTask(actor, id, body, requestId);
  }

  @Get('payments')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  payments(@CurrentActor() actor: Actor, @Query() query: PaymentListQueryDto) {
    return this.enrolment.payments(actor, query);
  }

  /** Completes a PAYMENT_FAILED task: reissue the instruction or close it without payment, with a reason. */
  @Post('payment-tasks/:id/complete')
  @HttpCode(200)
  @Roles('COUNTY_OFFICER')
  resolvePaymentFailure(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: PaymentFailureResolutionDto, @RequestId() requestId: string) {
    return this.enrolment.resolvePaymentFailure(actor, id, body, requestId);
  }

  @Post('payments/:id/reconciliation')
  @HttpCode(200)
  @Roles('COUNTY_OFFICER')
  @ApiBody(reconciliationBody)
  reconcile(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body(reconciliationPipe) body: Reconciliation, @RequestId() requestId: string) {
    return this.enrolment.reconcile(actor, id, body, requestId);
  }
}
