import { Controller, Get, Inject, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { CurrentActor, Roles } from '../auth/decorators';
import { FundReportQuery, Month } from '../core/contracts/funds';
import type { Actor } from '../core/contracts/roles';
import { FundReportService } from './fund-report.service';
import { ApiErrors } from '../openapi/decorators';
import { FundReportBody } from './fund-responses';

class FundReportQueryDto extends createZodDto(FundReportQuery) {}
const MonthParam = new ZodValidationPipe(Month);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The monthly fund report per county and category (资金发放月报). */
@ApiTags('enrolled-cases')
@ApiBearerAuth()
@Controller('payments/reports')
export class FundReportController {
  constructor(@Inject(FundReportService) private readonly reports: FundReportService) {}

  @Get(':month')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiErrors(409)
  @ApiResponse({
    status: 200,
    description: '资金发放月报（JSON；?format=xlsx 下载 Excel）',
    content: {
      'application/json': { schema: z.toJSONSchema(FundReportBody, { io: 'output' }) as Record<string, unknown> },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async report(
    @CurrentActor() actor: Actor,
    @Param('month', { schema: Month, pipes: [MonthParam] }) month: string,
    @Query() q: FundReportQueryDto,
  ) {
    if (q.format === 'json') return this.reports.report(actor, month, q.county);
    return new StreamableFile(await this.reports.workbook(actor, month, q.county), {
      type: XLSX,
      disposition: `attachment; filename="fund-report-${month}.xlsx"`,
    });
  }
}
