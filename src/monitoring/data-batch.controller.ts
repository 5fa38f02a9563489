import { Body, Controller, Get, Inject, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import { DataBatchUpload, DataSource, FileEncoding } from '../core/contracts/data-source';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import { DataBatchBody, DataBatchRefusalList } from './batch-responses';
import { DataBatchService, type UploadedDataFile } from './data-batch.service';
import { refusalsCsv } from './refusals-csv';
import { TooLargeInterceptor } from './too-large.interceptor';

class UploadDto extends createZodDto(DataBatchUpload) {}
class RefusalsQueryDto extends createZodDto(z.strictObject({ format: z.enum(['json', 'csv']).default('json') })) {}

const READERS = ['DEPARTMENT_LIAISON', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR'] as const;

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('monitoring/batches')
export class DataBatchController {
  constructor(@Inject(DataBatchService) private readonly batches: DataBatchService) {}

  /** 201 with a new batch; 200 with the first one when the same file was uploaded before for the source. */
  @Post()
  @Roles('DEPARTMENT_LIAISON', 'COUNTY_OFFICER')
  @UseInterceptors(TooLargeInterceptor, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['source', 'file'],
      properties: {
        source: { type: 'string', enum: [...DataSource.options] },
        encoding: { type: 'string', enum: [...FileEncoding.options], default: 'AUTO' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOk(DataBatchBody, { status: 201 })
  @ApiOk(DataBatchBody, { description: '同一文件已上传过：返回第一次的批次，不重复写入' })
  @ApiErrors(422)
  async upload(
    @CurrentActor() actor: Actor,
    @Body() body: UploadDto,
    @UploadedFile() file: UploadedDataFile | undefined,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const batch = await this.batches.upload(actor, body, file, requestId);
    res.status(batch.duplicate ? 200 : 201);
    return batch;
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOk(DataBatchBody)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.batches.get(actor, id);
  }

  @Get(':id/refusals')
  @Roles(...READERS)
  @ApiOk(DataBatchRefusalList, { description: '被拒绝的行（?format=csv 下载 CSV）' })
  async refusals(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Query() q: RefusalsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const list = await this.batches.refusals(actor, id);
    if (q.format === 'json') return list;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="refusals-${id}.csv"`);
    return refusalsCsv(list.items);
  }
}
