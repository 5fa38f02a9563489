import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, NotForDepartmentLiaisons, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { EnrolledCaseListQueryDto, ReportChangeDto, SuspendResumeDto } from './enrolment.dto';
import { EnrolmentService } from './enrolment.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

@ApiTags('enrolled-cases')
@ApiBearerAuth()
@Controller('enrolled-cases')
export class EnrolledCaseController {
  constructor(@Inject(EnrolmentService) private readonly enrolment: EnrolmentService) {}

  @Get()
  @NotForDepartmentLiaisons()
  @ApiOk(R.EnrolledCasePage)
  list(@CurrentActor() actor: Actor, @Query() query: EnrolledCaseListQueryDto) {
    return this.enrolment.list(actor, query);
  }

  @Get(':id')
  @NotForDepartmentLiaisons()
  @ApiOk(R.EnrolledCaseDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.enrolment.get(actor, id);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(R.ProcessState)
  suspend(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: SuspendResumeDto,
    @RequestId() requestId: string,
  ) {
    return this.enrolment.supervise(actor, id, 'suspend', body.reason, requestId);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(R.ProcessState)
  resume(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: SuspendResumeDto,
    @RequestId() requestId: string,
  ) {
    return this.enrolment.supervise(actor, id, 'resume', body.reason, requestId);
  }

  /** A change in an enrolled household; `:id` may also be the id of the application that enrolled it. */
  @Post(':id/changes')
  @HttpCode(202)
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER')
  @ApiOk(R.ChangeReported, { status: 202 })
  reportChange(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: ReportChangeDto,
    @RequestId() requestId: string,
  ) {
    return this.enrolment.reportChange(actor, id, body, requestId);
  }
}
