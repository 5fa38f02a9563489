import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../contracts/roles';
import { ReportChangeDto } from './enrolment.dto';
import { EnrolmentService } from './enrolment.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

/** A change in an enrolled household, reported on the case (enrolled case or the application that enrolled it). */
@ApiTags('enrolled-cases')
@ApiBearerAuth()
@Controller('cases')
export class ChangeReportController {
  constructor(@Inject(EnrolmentService) private readonly enrolment: EnrolmentService) {}

  /**
   * A change in an enrolled household. `:id` is the enrolled case's id; the id of the
   * application (determination case) that enrolled it is accepted too.
   */
  @Post(':id/changes')
  @HttpCode(202)
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER')
  @ApiOk(R.ChangeReported, { status: 202 })
  reportChange(@CurrentActor() actor: Actor, @UuidPath() id: string, @Body() body: ReportChangeDto, @RequestId() requestId: string) {
    return this.enrolment.reportChange(actor, id, body, requestId);
  }
}
