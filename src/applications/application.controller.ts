import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { IdempotencyKey, type IdempotentRequest } from '../common/idempotency-key.decorator';
import { SubmitApplication } from '../contracts/application';
import type { Actor } from '../contracts/roles';
import { ApplicationService } from './application.service';
import { ApiErrors, ApiOk, linkById } from '../openapi/decorators';
import * as R from '../openapi/responses';

class SubmitApplicationDto extends createZodDto(SubmitApplication) {}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationController {
  constructor(@Inject(ApplicationService) private readonly applications: ApplicationService) {}

  /** Intake: by the household's representative at the township, on behalf by the village, or from a warning. */
  @Post()
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER')
  @ApiOk(R.SubmittedApplication, { status: 201, description: '已受理', links: { GetCase: linkById('CaseController_get') } })
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
}
