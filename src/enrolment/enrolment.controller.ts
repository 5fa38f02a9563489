import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, NotForDepartmentLiaisons, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { RecheckAction, Reconciliation } from '../contracts/enrolment';
import type { Actor } from '../contracts/roles';
import {
  EnrolledCaseListQueryDto, PaymentFailureResolutionDto, PaymentListQueryDto, recheckActionBody, recheckActionPipe, reconciliationBody, reconciliationPipe, ReportChangeDto, SuspendResumeDto,
} from './enrolment.dto';
import { EnrolmentService } from './enrolment.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

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
  @ApiOk(R.ChangeReported, { status: 202 })
  reportChange(@CurrentActor() actor: Actor, @UuidPath() id: string, @Body() body: ReportChangeDto, @RequestId() requestId: string) {
    return this.enrolment.reportChange(actor, id, body, requestId);
  }

  @Get('enrolled-cases')
  @NotForDepartmentLiaisons()
  @ApiOk(R.EnrolledCasePage)
  list(@CurrentActor() actor: Actor, @Query() query: EnrolledCaseListQueryDto) {
    return this.enrolment.list(actor, query);
  }

  @Get('enrolled-cases/:id')
  @NotForDepartmentLiaisons()
  @ApiOk(R.EnrolledCaseDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.enrolment.get(actor, id);
  }

  @Post('enrolled-cases/:id/suspend')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(R.ProcessState)
  suspend(@CurrentActor() actor: Actor, @UuidPath() id: string, @Body() body: SuspendResumeDto, @RequestId() requestId: string) {
    return this.enrolment.supervise(actor, id, 'suspend', body.reason, requestId);
  }

  @Post('enrolled-cases/:id/resume')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(R.ProcessState)
  resume(@CurrentActor() actor: Actor, @UuidPath() id: string, @Body() body: SuspendResumeDto, @RequestId() requestId: string) {
    return this.enrolment.supervise(actor, id, 'resume', body.reason, requestId);
  }

  /** Completes a RECHECK_INVESTIGATE (recordInvestigation) or RECHECK_DECIDE (decide) task. Alias of POST /api/v1/tasks/:id/complete for one release. */
  @Post('recheck-tasks/:id/complete')
  @HttpCode(200)
  @ApiOperation({ deprecated: true, description: '已弃用：请改用 POST /api/v1/tasks/{id}/complete（同样的请求内容）；本路径保留一个版本。' })
  @ApiBody(recheckActionBody)
  @ApiOk(R.ProcessState)
  completeRecheckTask(@CurrentActor() actor: Actor, @UuidPath() id: string, @Body(recheckActionPipe) body: RecheckAction, @RequestId() requestId: string) {
    return this.enrolment.completeRecheckTask(actor, id, body, requestId);
  }

  @Get('payments')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.PaymentPage)
  payments(@CurrentActor() actor: Actor, @Query() query: PaymentListQueryDto) {
    return this.enrolment.payments(actor, query);
  }

  /** Completes a PAYMENT_FAILED task: reissue the instruction or close it without payment, with a reason. Alias of POST /api/v1/tasks/:id/complete for one release. */
  @Post('payment-tasks/:id/complete')
  @HttpCode(200)
  @ApiOperation({ deprecated: true, description: '已弃用：请改用 POST /api/v1/tasks/{id}/complete（同样的请求内容）；本路径保留一个版本。' })
  @Roles('COUNTY_OFFICER')
  @ApiOk(R.PaymentTaskResolved)
  resolvePaymentFailure(@CurrentActor() actor: Actor, @UuidPath() id: string, @Body() body: PaymentFailureResolutionDto, @RequestId() requestId: string) {
    return this.enrolment.resolvePaymentFailure(actor, id, body, requestId);
  }

  @Post('payments/:id/reconciliation')
  @HttpCode(200)
  @Roles('COUNTY_OFFICER')
  @ApiBody(reconciliationBody)
  @ApiOk(R.Reconciled)
  reconcile(@CurrentActor() actor: Actor, @UuidPath() id: string, @Body(reconciliationPipe) body: Reconciliation, @RequestId() requestId: string) {
    return this.enrolment.reconcile(actor, id, body, requestId);
  }
}
