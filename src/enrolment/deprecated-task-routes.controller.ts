import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { RecheckAction } from '../core/contracts/enrolment';
import type { Actor } from '../core/contracts/roles';
import { PaymentFailureResolutionDto, recheckActionBody, recheckActionPipe } from './enrolment.dto';
import { EnrolmentService } from './enrolment.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

// The per-kind completion paths of the previous release, kept for one release as aliases of
// POST /api/v1/tasks/:id/complete (docs/api.md); same bodies and answers as before.
const DEPRECATED = {
  deprecated: true,
  description: '已弃用：请改用 POST /api/v1/tasks/{id}/complete（同样的请求内容）；本路径保留一个版本。',
};

@ApiTags('enrolled-cases')
@ApiBearerAuth()
@Controller('recheck-tasks')
export class RecheckTaskController {
  constructor(@Inject(EnrolmentService) private readonly enrolment: EnrolmentService) {}

  /** Completes a RECHECK_INVESTIGATE (recordInvestigation) or RECHECK_DECIDE (decide) task. */
  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation(DEPRECATED)
  @ApiBody(recheckActionBody)
  @ApiOk(R.ProcessState)
  completeRecheckTask(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body(recheckActionPipe) body: RecheckAction,
    @RequestId() requestId: string,
  ) {
    return this.enrolment.completeRecheckTask(actor, id, body, requestId);
  }
}

@ApiTags('enrolled-cases')
@ApiBearerAuth()
@Controller('payment-tasks')
export class PaymentTaskController {
  constructor(@Inject(EnrolmentService) private readonly enrolment: EnrolmentService) {}

  /** Completes a PAYMENT_FAILED task: reissue the instruction or close it without payment, with a reason. */
  @Post(':id/complete')
  @HttpCode(200)
  @Roles('COUNTY_OFFICER')
  @ApiOperation(DEPRECATED)
  @ApiOk(R.PaymentTaskResolved)
  resolvePaymentFailure(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: PaymentFailureResolutionDto,
    @RequestId() requestId: string,
  ) {
    return this.enrolment.resolvePaymentFailure(actor, id, body, requestId);
  }
}
