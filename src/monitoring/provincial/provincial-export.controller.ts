import { Body, Controller, Get, Inject, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, RequestId, Roles } from '../../auth/decorators';
import { IdempotencyKey, type IdempotentRequest } from '../../common/idempotency-key.decorator';
import {
  ProvincialDataset,
  ProvincialExportQuery,
  ProvincialSubmissionRequest,
} from '../../core/contracts/provincial-export';
import type { Actor } from '../../core/contracts/roles';
import { XLSX_MEDIA_TYPE } from '../../export/list-workbook';
import { ApiErrors, ApiOk } from '../../openapi/decorators';
import { tableCsv, tableWorkbook } from './provincial-files';
import { ProvincialExportService } from './provincial-export.service';

class ExportQueryDto extends createZodDto(ProvincialExportQuery) {}
class SubmissionDto extends createZodDto(ProvincialSubmissionRequest) {}
const DatasetParam = new ZodValidationPipe(ProvincialDataset);

const Submitted = z.looseObject({
  submissionId: z.guid(),
  countyCode: z.string(),
  period: z.string(),
  channel: z.string(),
  datasets: z.array(
    z.looseObject({ dataset: z.string(), fileName: z.string(), rowCount: z.int(), sha256: z.string() }),
  ),
});

/** County officers and supervisors for their county; the city's supervisor and auditors for every county. */
const READERS = ['COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'CITY_SUPERVISOR', 'AUDITOR'] as const;

/** The export for the provincial platform (逐级上传): one county, one month; docs/data-exchange.md gives the columns. */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('provincial-exports')
export class ProvincialExportController {
  constructor(@Inject(ProvincialExportService) private readonly exports: ProvincialExportService) {}

  /** One dataset (population: 低收入人口; warnings: 预警及处置) as CSV or XLSX; the download is audited. */
  @Get(':dataset')
  @Roles(...READERS)
  @ApiErrors(400, 403)
  @ApiResponse({
    status: 200,
    description: '省级平台导出文件（CSV，UTF-8 带 BOM；?format=xlsx 下载 Excel）',
    content: {
      'text/csv': { schema: { type: 'string' } },
      [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  async download(
    @CurrentActor() actor: Actor,
    @Param('dataset', { schema: ProvincialDataset, pipes: [DatasetParam] }) dataset: ProvincialDataset,
    @Query() q: ExportQueryDto,
    @RequestId() requestId: string,
  ) {
    const { table, fileName } = await this.exports.download(actor, dataset, q, requestId);
    const disposition = `attachment; filename="${fileName}"`;
    return q.format === 'csv'
      ? new StreamableFile(Buffer.from(tableCsv(table)), { type: 'text/csv; charset=utf-8', disposition })
      : new StreamableFile(tableWorkbook(table), { type: XLSX_MEDIA_TYPE, disposition });
  }

  /** Both datasets handed to the provincial platform's gateway (embedded: recorded, not sent); audited. */
  @Post()
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'CITY_SUPERVISOR')
  @ApiOk(Submitted, { status: 201 })
  @ApiErrors(400, 403, 422)
  submit(
    @CurrentActor() actor: Actor,
    @Body() body: SubmissionDto,
    @RequestId() requestId: string,
    @IdempotencyKey() idempotency: IdempotentRequest | undefined,
  ) {
    return this.exports.submit(actor, body.county, body.period, requestId, idempotency);
  }
}
