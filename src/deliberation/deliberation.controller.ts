import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { Text } from '../core/contracts/text';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import { DeliberationAction, MemberRef } from '../core/contracts/deliberation';
import type { Actor } from '../core/contracts/roles';
import { DeliberationService } from './deliberation.service';
import { CountyCode } from '../core/contracts/division';
import { ApiOk, linkById } from '../openapi/decorators';
import { checkPaging, keysetPaging } from '../common/keyset';
import { ApiOkOrXlsx } from '../export/api-xlsx';
import { DELIBERATION_EXPORT_COLUMNS } from '../export/emergency-exports';
import { listWorkbook } from '../export/list-workbook';
import * as R from '../openapi/responses';

export const StartDeliberationBody = z.strictObject({
  question: Text({ max: 2000, multiline: true }),
  members: z
    .array(MemberRef)
    .min(2, { error: '至少指定两个成员单位' })
    .max(20, { error: '成员单位最多 20 个' })
    .refine((m) => new Set(m.map((x) => x.userId)).size === m.length, { message: '成员不得重复' }),
  /** A determination (application id) or a recheck a supervisor marks complex, or an escalation (task id); none: a matter raised directly. */
  source: z
    .strictObject({ kind: z.enum(['DETERMINATION', 'RECHECK', 'ESCALATION']), id: z.uuid({ error: '须为 UUID' }) })
    .optional(),
  county: CountyCode.optional(),
});
class StartDeliberationDto extends createZodDto(StartDeliberationBody) {}
const { page, pageSize } = keysetPaging(100, 20);
class DeliberationListQueryDto extends createZodDto(
  z
    .strictObject({
      county: CountyCode.optional(),
      stage: z.enum(['CONVENING', 'OPINIONS', 'DECIDED', 'FOLLOW_UP', 'CLOSED'], { error: '阶段不正确' }).optional(),
      /** `xlsx`: the same rows as an Excel workbook (下载 Excel). */
      format: z.enum(['json', 'xlsx'], { error: '须为 json 或 xlsx' }).default('json'),
      page,
      pageSize,
    })
    .superRefine(checkPaging),
) {}
const actionPipe = new ZodValidationPipe(DeliberationAction);
const actionBody = {
  schema: z.toJSONSchema(DeliberationAction, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
};

@ApiTags('deliberations')
@ApiBearerAuth()
@Controller('deliberations')
export class DeliberationController {
  constructor(@Inject(DeliberationService) private readonly deliberations: DeliberationService) {}

  /** The county supervisor (chair) convenes a 一事一议 directly or on a case reference. */
  @Post()
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(R.DeliberationDetail, { status: 201, links: { GetDeliberation: linkById('DeliberationController_get') } })
  start(@CurrentActor() actor: Actor, @Body() body: StartDeliberationDto, @RequestId() requestId: string) {
    return this.deliberations.start(actor, body, requestId);
  }

  @Get()
  @ApiOkOrXlsx(R.DeliberationList, '一事一议')
  list(@CurrentActor() actor: Actor, @Query() q: DeliberationListQueryDto) {
    if (q.format === 'xlsx')
      return listWorkbook(
        { sheet: '一事一议', filename: 'deliberations.xlsx', columns: DELIBERATION_EXPORT_COLUMNS },
        (page, pageSize) => this.deliberations.list(actor, { ...q, page, pageSize }),
      );
    return this.deliberations.list(actor, q);
  }

  @Get(':id')
  @ApiOk(R.DeliberationDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.deliberations.get(actor, id);
  }

  /** convene, giveOpinion, changeOpinion, extend, decide, reportFollowUp, close. */
  @Post(':id/actions')
  @HttpCode(200)
  @ApiBody(actionBody)
  @ApiOk(R.ProcessState)
  act(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body(actionPipe) body: DeliberationAction,
    @RequestId() requestId: string,
  ) {
    return this.deliberations.act(actor, id, body, requestId);
  }
}
