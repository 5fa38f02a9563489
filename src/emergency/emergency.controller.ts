import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, NotForDepartmentLiaisons, RequestId, Roles } from '../auth/decorators';
import { IdempotencyKey, type IdempotentRequest } from '../common/idempotency-key.decorator';
import { UuidPath } from '../common/uuid-param.pipe';
import { CreateEmergencyAid, EMERGENCY_STAGES, EmergencyAction } from '../core/contracts/emergency';
import type { Actor } from '../core/contracts/roles';
import { EmergencyService } from './emergency.service';
import { CountyCode, TownshipCode } from '../core/contracts/division';
import { ApiOk, linkById } from '../openapi/decorators';
import { checkPaging, keysetPaging } from '../common/keyset';
import { ApiOkOrXlsx } from '../export/api-xlsx';
import { EMERGENCY_EXPORT_COLUMNS } from '../export/emergency-exports';
import { listWorkbook } from '../export/list-workbook';
import * as R from '../openapi/responses';

class CreateEmergencyAidDto extends createZodDto(CreateEmergencyAid) {}
const { page, pageSize } = keysetPaging(100, 20);
class EmergencyListQueryDto extends createZodDto(
  z
    .strictObject({
      county: CountyCode.optional(),
      township: TownshipCode.optional(),
      stage: z.enum(EMERGENCY_STAGES, { error: '阶段不正确' }).optional(),
      kind: z.enum(['SUDDEN', 'EXPENSE'], { error: '救助类型须为 SUDDEN（急难型）或 EXPENSE（支出型）' }).optional(),
      /** `xlsx`: the same rows as an Excel workbook (下载 Excel). */
      format: z.enum(['json', 'xlsx'], { error: '须为 json 或 xlsx' }).default('json'),
      page,
      pageSize,
    })
    .superRefine(checkPaging),
) {}
const actionPipe = new ZodValidationPipe(EmergencyAction);
const actionBody = {
  schema: z.toJSONSchema(EmergencyAction, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
};

@ApiTags('emergency-aid')
@ApiBearerAuth()
@Controller('emergency-aid')
export class EmergencyController {
  constructor(@Inject(EmergencyService) private readonly emergency: EmergencyService) {}

  /** Township staff where the emergency happened; the path follows the county's approval limits. */
  @Post()
  @Roles('TOWNSHIP_CASEWORKER')
  @ApiOk(R.EmergencyDetail, { status: 201, links: { GetEmergencyCase: linkById('EmergencyController_get') } })
  create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateEmergencyAidDto,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotency: IdempotentRequest | undefined,
  ) {
    return this.emergency.create(actor, body, requestId, idempotency);
  }

  @Get()
  @NotForDepartmentLiaisons()
  @ApiOkOrXlsx(R.EmergencyPage, '临时救助')
  list(@CurrentActor() actor: Actor, @Query() query: EmergencyListQueryDto) {
    if (query.format === 'xlsx')
      return listWorkbook(
        { sheet: '临时救助', filename: 'emergency-aid.xlsx', columns: EMERGENCY_EXPORT_COLUMNS },
        (page, pageSize) => this.emergency.list(actor, { ...query, page, pageSize }),
      );
    return this.emergency.list(actor, query);
  }

  @Get(':id')
  @NotForDepartmentLiaisons()
  @ApiOk(R.EmergencyDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.emergency.get(actor, id);
  }

  /** explain, grantAid, referToDeliberation, markEased, registerAndComplete, accept, recordInvestigation, submitOpinion, confirm, refuse, resolveFundRefusal. */
  @Post(':id/actions')
  @HttpCode(200)
  @ApiBody(actionBody)
  @ApiOk(R.ProcessState)
  act(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body(actionPipe) body: EmergencyAction,
    @RequestId() requestId: string,
  ) {
    return this.emergency.act(actor, id, body, requestId);
  }
}
