import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { AdjustmentListQuery } from '../core/contracts/record-lists';
import { AdjustmentBody } from '../core/contracts/standard-adjustment';
import { ApiOkOrXlsx } from '../export/api-xlsx';
import { listWorkbook } from '../export/list-workbook';
import { ADJUSTMENT_EXPORT_COLUMNS } from '../export/record-exports';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { StandardAdjustmentService } from './standard-adjustment.service';

class AdjustmentDto extends createZodDto(AdjustmentBody) {}
class AdjustmentListQueryDto extends createZodDto(AdjustmentListQuery) {}

/** The yearly standard adjustment (调标): an approved version applied to every enrolled case in scope. */
@ApiTags('policy')
@ApiBearerAuth()
@Controller('policy/adjustments')
export class StandardAdjustmentController {
  constructor(@Inject(StandardAdjustmentService) private readonly adjustments: StandardAdjustmentService) {}

  @Post()
  @Roles('ADMINISTRATOR')
  @ApiOk(R.StandardAdjustment, { status: 201 })
  @ApiErrors(400, 422)
  start(@CurrentActor() actor: Actor, @Body() body: AdjustmentDto, @RequestId() requestId: string) {
    return this.adjustments.start(actor, body, requestId);
  }

  @Get()
  @Roles('ADMINISTRATOR')
  @ApiOkOrXlsx(R.StandardAdjustmentPage, '调标记录')
  list(@Query() q: AdjustmentListQueryDto) {
    if (q.format === 'xlsx')
      return listWorkbook(
        { sheet: '调标记录', filename: 'policy-adjustments.xlsx', columns: ADJUSTMENT_EXPORT_COLUMNS },
        (page, pageSize) => this.adjustments.list({ ...q, page, pageSize }),
      );
    return this.adjustments.list(q);
  }

  @Get(':id')
  @Roles('ADMINISTRATOR')
  @ApiOk(R.StandardAdjustment)
  @ApiErrors(404)
  get(@UuidPath() id: string) {
    return this.adjustments.get(id);
  }
}
