import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, Roles } from '../../auth/decorators';
import { UuidPath } from '../../common/uuid-param.pipe';
import type { Actor } from '../../core/contracts/roles';
import { WarningListQuery } from '../../core/contracts/warning';
import { ApiOk } from '../../openapi/decorators';
import { WarningDetail, WarningPage } from './warning-responses';
import { WarningService } from './warning.service';
import { ApiOkOrXlsx } from '../../export/api-xlsx';
import { listWorkbook } from '../../export/list-workbook';
import { WARNING_EXPORT_COLUMNS } from '../../export/supervision-exports';

class WarningListQueryDto extends createZodDto(WarningListQuery) {}

// Civil affairs staff who verify, route and supervise warnings; a department liaison reads
// the warnings routed to their department (the service narrows them).
const READERS = [
  'TOWNSHIP_CASEWORKER',
  'COUNTY_OFFICER',
  'COUNTY_SUPERVISOR',
  'AUDITOR',
  'DEPARTMENT_LIAISON',
] as const;

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('warnings')
export class WarningController {
  constructor(@Inject(WarningService) private readonly warnings: WarningService) {}

  /** The warnings in the caller's jurisdiction; the verification itself is a task (POST /api/v1/tasks/{id}/complete). */
  @Get()
  @Roles(...READERS)
  @ApiOkOrXlsx(WarningPage, '监测预警')
  list(@CurrentActor() actor: Actor, @Query() q: WarningListQueryDto) {
    if (q.format === 'xlsx')
      return listWorkbook(
        { sheet: '监测预警', filename: 'warnings.xlsx', columns: WARNING_EXPORT_COLUMNS },
        (page, pageSize) => this.warnings.list(actor, { ...q, page, pageSize }),
      );
    return this.warnings.list(actor, q);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOk(WarningDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.warnings.get(actor, id);
  }
}
