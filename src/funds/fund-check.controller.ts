import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { FundCheckQuery, FundCheckRequest, Month } from '../core/contracts/funds';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import { FundCheckService } from './fund-check.service';
import { FundCheckBody, FundCheckRunBody } from './fund-responses';

class FundCheckRequestDto extends createZodDto(FundCheckRequest) {}
class FundCheckQueryDto extends createZodDto(FundCheckQuery) {}
const MonthParam = new ZodValidationPipe(Month);

/** The monthly fund check (资金按时足额发放核查): run it for a month by hand, read what it found. */
@ApiTags('enrolled-cases')
@ApiBearerAuth()
@Controller('payments/checks')
export class FundCheckController {
  constructor(@Inject(FundCheckService) private readonly checks: FundCheckService) {}

  @Post()
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(FundCheckRunBody)
  @ApiErrors(409)
  run(@CurrentActor() actor: Actor, @Body() body: FundCheckRequestDto, @RequestId() requestId: string) {
    return this.checks.run(actor, body, requestId);
  }

  @Get(':month')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(FundCheckBody)
  @ApiErrors(404)
  get(
    @CurrentActor() actor: Actor,
    @Param('month', { schema: Month, pipes: [MonthParam] }) month: string,
    @Query() q: FundCheckQueryDto,
  ) {
    return this.checks.get(actor, month, q.county);
  }
}
