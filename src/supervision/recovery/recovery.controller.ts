import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../../auth/decorators';
import { UuidPath } from '../../common/uuid-param.pipe';
import {
  InstalmentPlan,
  OpenRecovery,
  RecordRepayment,
  RecoveryListQuery,
  WriteOff,
} from '../../core/contracts/recovery';
import type { Actor } from '../../core/contracts/roles';
import { ApiOk, linkById } from '../../openapi/decorators';
import { RecoveryDetail, RecoveryPage } from './recovery-responses';
import { RecoveryService } from './recovery.service';
import { ApiOkOrXlsx } from '../../export/api-xlsx';
import { listWorkbook } from '../../export/list-workbook';
import { RECOVERY_EXPORT_COLUMNS } from '../../export/supervision-exports';

class OpenRecoveryDto extends createZodDto(OpenRecovery) {}
class RecoveryListQueryDto extends createZodDto(RecoveryListQuery) {}
class RecordRepaymentDto extends createZodDto(RecordRepayment) {}
class InstalmentPlanDto extends createZodDto(InstalmentPlan) {}
class WriteOffDto extends createZodDto(WriteOff) {}

/** County civil affairs act on recoveries; the auditor reads them. */
const ACTORS = ['COUNTY_OFFICER', 'COUNTY_SUPERVISOR'] as const;
const READERS = [...ACTORS, 'AUDITOR'] as const;

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('recoveries')
export class RecoveryController {
  constructor(@Inject(RecoveryService) private readonly recoveries: RecoveryService) {}

  /** A recovery (追缴) or, for a staff error corrected in time, a correction (容错纠错). */
  @Post()
  @Roles('COUNTY_OFFICER')
  @ApiOk(RecoveryDetail, { status: 201, links: { GetRecovery: linkById('RecoveryController_get') } })
  open(@CurrentActor() actor: Actor, @Body() body: OpenRecoveryDto, @RequestId() requestId: string) {
    return this.recoveries.open(actor, body, requestId);
  }

  @Get()
  @Roles(...READERS)
  @ApiOkOrXlsx(RecoveryPage, '追缴')
  list(@CurrentActor() actor: Actor, @Query() q: RecoveryListQueryDto) {
    if (q.format === 'xlsx')
      return listWorkbook(
        { sheet: '追缴', filename: 'recoveries.xlsx', columns: RECOVERY_EXPORT_COLUMNS },
        (page, pageSize) => this.recoveries.list(actor, { ...q, page, pageSize }),
      );
    return this.recoveries.list(actor, q);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOk(RecoveryDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.recoveries.get(actor, id);
  }

  @Post(':id/repayments')
  @HttpCode(200)
  @Roles(...ACTORS)
  @ApiOk(RecoveryDetail)
  repay(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: RecordRepaymentDto,
    @RequestId() requestId: string,
  ) {
    return this.recoveries.repay(actor, id, body, requestId);
  }

  @Put(':id/instalment-plan')
  @Roles(...ACTORS)
  @ApiOk(RecoveryDetail)
  setPlan(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: InstalmentPlanDto,
    @RequestId() requestId: string,
  ) {
    return this.recoveries.setPlan(actor, id, body, requestId);
  }

  /** A write-off is a decision of the county supervisor, with its reason and reference. */
  @Post(':id/write-off')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(RecoveryDetail)
  writeOff(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: WriteOffDto,
    @RequestId() requestId: string,
  ) {
    return this.recoveries.writeOff(actor, id, body, requestId);
  }
}
