import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentActor, NotForDepartmentLiaisons, RequestId } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../contracts/roles';
import type { DeterminationAction } from '../contracts/determination';
import { CaseListQueryDto, determinationActionBody, determinationActionPipe } from './case.dto';
import { CaseService } from './case.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseController {
  constructor(@Inject(CaseService) private readonly cases: CaseService) {}

  @Get()
  @NotForDepartmentLiaisons()
  @ApiOk(R.CasePage)
  list(@CurrentActor() actor: Actor, @Query() query: CaseListQueryDto) {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @NotForDepartmentLiaisons()
  @ApiOk(R.CaseDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.cases.get(actor, id);
  }

  /** Withdrawal, termination for non-cooperation, extension of the process or of a step. */
  @Post(':id/actions')
  @HttpCode(200)
  @ApiBody(determinationActionBody)
  @ApiOk(R.DeterminationState)
  act(@CurrentActor() actor: Actor, @UuidPath() id: string, @Body(determinationActionPipe) body: DeterminationAction, @RequestId() requestId: string) {
    return this.cases.act(actor, id, body, requestId);
  }
}
