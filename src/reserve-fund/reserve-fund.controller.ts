import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Text } from '../core/contracts/text';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { IdempotencyKey, type IdempotentRequest } from '../common/idempotency-key.decorator';
import type { Actor } from '../core/contracts/roles';
import { ReserveFundService } from './reserve-fund.service';
import { CountyCode, TownshipCode } from '../core/contracts/division';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { refuse } from '../common/refusals';

class TopUpDto extends createZodDto(
  z.strictObject({
    amount: z
      .number({ error: '须为金额（元）' })
      .positive({ error: '金额须大于 0' })
      .multipleOf(0.01, { error: '金额最多两位小数' })
      .max(100_000_000),
    reason: Text({ max: 1000, multiline: true, tooShort: '须填写拨付依据' }),
  }),
) {}
class FundListQueryDto extends createZodDto(z.strictObject({ county: CountyCode.optional() })) {}

const township = (value: string): string => {
  if (!/^\d{9}$/.test(value))
    refuse('VALIDATION_FAILED', '请求内容校验未通过', [
      { path: 'param.township', code: 'invalid_format', message: '须为 9 位乡镇区划代码' },
    ]);
  return value;
};

@ApiTags('reserve-funds')
@ApiBearerAuth()
@Controller('reserve-funds')
export class ReserveFundController {
  constructor(@Inject(ReserveFundService) private readonly funds: ReserveFundService) {}

  @Get()
  @Roles('TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.ReserveFundList)
  list(@CurrentActor() actor: Actor, @Query() q: FundListQueryDto) {
    return this.funds.list(actor, q.county);
  }

  @Get(':township')
  @Roles('TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(R.ReserveFundDetail)
  get(@CurrentActor() actor: Actor, @Param('township', { schema: TownshipCode }) code: string) {
    return this.funds.get(actor, township(code));
  }

  @Post(':township/top-ups')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR')
  @ApiOk(R.TopUp, { status: 201 })
  topUp(
    @CurrentActor() actor: Actor,
    @Param('township', { schema: TownshipCode }) code: string,
    @Body() body: TopUpDto,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotency: IdempotentRequest | undefined,
  ) {
    return this.funds.topUp(actor, township(code), body, requestId, idempotency);
  }
}
