import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import { ParameterDecisionBody, ParameterProposalBody } from '../core/contracts/parameter-change';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { ParameterAdminService } from './parameter-admin.service';

class ParameterProposalDto extends createZodDto(ParameterProposalBody) {}
class ParameterDecisionDto extends createZodDto(ParameterDecisionBody) {}

/** Changing a policy parameter: an administrator proposes, a second person decides (four eyes). */
@ApiTags('policy')
@ApiBearerAuth()
@Controller('policy/parameters')
export class ParameterAdminController {
  constructor(@Inject(ParameterAdminService) private readonly admin: ParameterAdminService) {}

  /** Every version of a parameter (shipped and approved, each division and area) and every proposal. */
  @Get(':id/history')
  @ApiOk(R.ParameterHistory)
  @ApiErrors(404)
  history(@Param('id') id: string) {
    return this.admin.history(id);
  }

  /** Proposes a new version; refused field by field (nothing stored) when it does not fit the parameter. */
  @Post(':id/proposals')
  @Roles('ADMINISTRATOR')
  @ApiOk(R.ParameterProposal, { status: 201 })
  @ApiErrors(400, 404, 422)
  propose(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() body: ParameterProposalDto,
    @RequestId() requestId: string,
  ) {
    return this.admin.propose(actor, id, body, requestId);
  }

  @Get('proposals/:proposalId')
  @ApiOk(R.ParameterProposal)
  @ApiErrors(404)
  proposal(@UuidPath('proposalId') proposalId: string) {
    return this.admin.proposal(proposalId);
  }

  /** Approves or rejects with a reason: another administrator, or the county supervisor for a county value. */
  @Post('proposals/:proposalId/decision')
  @HttpCode(200)
  @Roles('ADMINISTRATOR', 'COUNTY_SUPERVISOR')
  @ApiOk(R.ParameterProposal)
  @ApiErrors(400, 403, 404, 409)
  decide(
    @CurrentActor() actor: Actor,
    @UuidPath('proposalId') proposalId: string,
    @Body() body: ParameterDecisionDto,
    @RequestId() requestId: string,
  ) {
    return this.admin.decide(actor, proposalId, body, requestId);
  }
}
