import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { ReportChangeDto } from './enrolment.dto';
import { EnrolmentService } from './enrolment.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

/** The previous release's path for a change report (an alias of POST /api/v1/enrolled-cases/:id/changes for one release). */
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
  @ApiOperation({
    deprecated: true,
    description: '已弃用：请改用 POST /api/v1/enrolled-cases/{id}/changes；本路径保留一个版本。',
  })
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
