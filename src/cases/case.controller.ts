import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, NotForDepartmentLiaisons, RequestId } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import type { DeterminationAction } from '../core/contracts/determination';
import { CaseListQueryDto, determinationActionBody, determinationActionPipe } from './case.dto';
import { CaseService } from './case.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { ApiOkOrXlsx } from '../export/api-xlsx';

// The previous release's name for an application (docs/architecture.md § Names): these paths
// are aliases of /api/v1/applications… for one release.
const DEPRECATED = (path: string) => ({
  deprecated: true,
  description: `已弃用：请改用 ${path}；本路径保留一个版本。`,
});

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseController {
  constructor(@Inject(CaseService) private readonly cases: CaseService) {}

  @Get()
  @ApiOperation(DEPRECATED('GET /api/v1/applications'))
  @NotForDepartmentLiaisons()
  @ApiOkOrXlsx(R.CasePage, '救助申请')
  list(@CurrentActor() actor: Actor, @Query() query: CaseListQueryDto) {
    if (query.format === 'xlsx') return this.cases.listWorkbook(actor, query);
    return this.cases.list(actor, query);
  }

  @Get(':id')
  @ApiOperation(DEPRECATED('GET /api/v1/applications/{id}'))
  @NotForDepartmentLiaisons()
  @ApiOk(R.CaseDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.cases.get(actor, id);
  }

  /** Withdrawal, termination for non-cooperation, extension of the process or of a step. */
  @Post(':id/actions')
  @ApiOperation(DEPRECATED('POST /api/v1/applications/{id}/actions'))
  @HttpCode(200)
  @ApiBody(determinationActionBody)
  @ApiOk(R.DeterminationState)
  act(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body(determinationActionPipe) body: DeterminationAction,
    @RequestId() requestId: string,
  ) {
    return this.cases.act(actor, id, body, requestId);
  }
}
