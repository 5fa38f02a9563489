import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
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

/** A parameter is named by its registry id (e.g. minimum_living.standard), not a UUID. */
const PARAMETER_ID = {
  name: 'parameterId',
  description: '参数标识（如 minimum_living.standard）',
  schema: { type: 'string' as const, example: 'minimum_living.standard' },
};

/** Changing a policy parameter: an administrator proposes, a second person decides (four eyes). */
@ApiTags('policy')
@ApiBearerAuth()
@Controller('policy/parameters')
export class ParameterAdminController {
  constructor(@Inject(ParameterAdminService) private readonly admin: ParameterAdminService) {}

  /** Every version of a parameter (shipped and approved, each division and area) and every proposal. */
  @Get(':parameterId/history')
  @ApiParam(PARAMETER_ID)
  @ApiOk(R.ParameterHistory)
  @ApiErrors(404)
  history(@Param('parameterId') id: string) {
    return this.admin.history(id);
  }

  /** Proposes a new version; refused field by field (nothing stored) when it does not fit the parameter. */
  @Post(':parameterId/proposals')
  @ApiParam(PARAMETER_ID)
  @Roles('ADMINISTRATOR')
  @ApiOk(R.ParameterProposal, { status: 201 })
  @ApiErrors(400, 404, 422)
  propose(
    @CurrentActor() actor: Actor,
    @Param('parameterId') id: string,
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
