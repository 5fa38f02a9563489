import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../../auth/decorators';
import { UuidPath } from '../../common/uuid-param.pipe';
import { RecordCreditRecord } from '../../core/contracts/recovery';
import type { Actor } from '../../core/contracts/roles';
import { ApiOk } from '../../openapi/decorators';
import { CreditRecordBody, CreditRecordList } from './credit-record-responses';
import { CreditRecordService } from './credit-record.service';

class RecordCreditRecordDto extends createZodDto(RecordCreditRecord) {}

/** A household's credit records: county staff record them; staff in jurisdiction and the auditor read them. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('households')
export class CreditRecordController {
  constructor(@Inject(CreditRecordService) private readonly records: CreditRecordService) {}

  @Post(':id/credit-records')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR')
  @ApiOk(CreditRecordBody, { status: 201 })
  record(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: RecordCreditRecordDto,
    @RequestId() requestId: string,
  ) {
    return this.records.record(actor, id, body, requestId);
  }

  @Get(':id/credit-records')
  @Roles('TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(CreditRecordList)
  list(@CurrentActor() actor: Actor, @UuidPath() id: string, @RequestId() requestId: string) {
    return this.records.list(actor, id, requestId);
  }
}
