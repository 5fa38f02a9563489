import { Body, Controller, Headers, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { DomainError } from '../common/domain-error';
import { IdempotencyKey, SubmitApplication } from '../contracts/application';
import type { Actor } from '../contracts/roles';
import { ApplicationService } from './application.service';
import { ApiErrors, ApiOk, linkById } from '../openapi/decorators';
import * as R from '../openapi/responses';

class SubmitApplicationDto extends createZodDto(SubmitApplication) {}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/applications')
export class ApplicationController {
  constructor(@Inject(ApplicationService) private readonly applications: ApplicationService) {}

  /** Intake: by the household's representative at the township, on behalf by the village, or from a warning. */
  @Post()
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一请求时携带相同的键，返回首次结果' })
  @ApiOk(R.SubmittedApplication, { status: 201, description: '已受理', links: { GetCase: linkById('CaseController_get') } })
  @ApiOk(R.SubmittedApplication, { description: '同一 Idempotency-Key 的重复请求：首次的结果' })
  @ApiErrors(422)
  async submit(
    @CurrentActor() actor: Actor,
    @Body() body: SubmitApplicationDto,
    @RequestId() requestId: string,
    @Headers('idempotency-key') rawKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const key = rawKey === undefined ? undefined : IdempotencyKey.safeParse(rawKey);
    if (key && !key.success) {
      throw new DomainError(400, 'VALIDATION_FAILED', '请求内容校验未通过', [
        { path: 'header.Idempotency-Key', code: 'invalid_format', message: '须为 8–200 个字母、数字或 _.:- 字符' },
      ]);
    }
    const result = await this.applications.submit(actor, body, requestId, key?.data);
    res.status(result.created ? 201 : 200);
    return result.application;
  }
}
