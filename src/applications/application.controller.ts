import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, NotForDepartmentLiaisons, RequestId, Roles } from '../auth/decorators';
import { CaseService } from '../cases/case.service';
import { CaseListQueryDto, determinationActionBody, determinationActionPipe } from '../cases/case.dto';
import { UuidPath } from '../common/uuid-param.pipe';
import type { DeterminationAction } from '../core/contracts/determination';
import { IdempotencyKey, type IdempotentRequest } from '../common/idempotency-key.decorator';
import { SubmitApplication } from '../core/contracts/application';
import type { Actor } from '../core/contracts/roles';
import { ApplicationService } from './application.service';
import { ApiErrors, ApiOk, linkById } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { ApiOkOrXlsx } from '../export/api-xlsx';

class SubmitApplicationDto extends createZodDto(SubmitApplication) {}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationController {
  constructor(
    @Inject(ApplicationService) private readonly applications: ApplicationService,
    @Inject(CaseService) private readonly cases: CaseService,
  ) {}

  /** Intake: by the household's representative at the township, on behalf by the village, or from a warning. */
  @Post()
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER')
  @ApiOk(R.SubmittedApplication, {
    status: 201,
    description: '已受理',
    links: { GetCase: linkById('ApplicationController_get') },
  })
  @ApiOk(R.SubmittedApplication, { description: '同一 Idempotency-Key 的重复请求：首次的结果' })
  @ApiErrors(422)
  async submit(
    @CurrentActor() actor: Actor,
    @Body() body: SubmitApplicationDto,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotency: IdempotentRequest | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.applications.submit(actor, body, requestId, idempotency);
    res.status(result.created ? 201 : 200);
    return result.application;
  }

  @Get()
  @NotForDepartmentLiaisons()
  @ApiOkOrXlsx(R.CasePage, '救助申请')
  list(@CurrentActor() actor: Actor, @Query() query: CaseListQueryDto) {
    if (query.format === 'xlsx') return this.cases.listWorkbook(actor, query);
    return this.cases.list(actor, query);
  }

  /** The application as staff see it: stage, whose turn, due dates, timeline, explanation, documents. */
  @Get(':id')
  @NotForDepartmentLiaisons()
  @ApiOk(R.CaseDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.cases.get(actor, id);
  }

  /** Withdrawal, termination for non-cooperation, extension of the process or of a step; starting the investigation. */
  @Post(':id/actions')
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
