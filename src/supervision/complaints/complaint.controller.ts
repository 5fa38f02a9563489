import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../../auth/decorators';
import { UuidPath } from '../../common/uuid-param.pipe';
import { ComplaintListQuery, RecordHotlineComplaint } from '../../core/contracts/complaint';
import type { Actor } from '../../core/contracts/roles';
import { ApiOk, linkById } from '../../openapi/decorators';
import { ComplaintDetail, ComplaintPage, HotlineComplaintFiled } from './complaint-responses';
import { ComplaintService } from './complaint.service';
import { ApiOkOrXlsx } from '../../export/api-xlsx';
import { listWorkbook } from '../../export/list-workbook';
import { COMPLAINT_EXPORT_COLUMNS } from '../../export/supervision-exports';

class RecordHotlineComplaintDto extends createZodDto(RecordHotlineComplaint) {}
class ComplaintListQueryDto extends createZodDto(ComplaintListQuery) {}

/** County civil affairs and the auditor read complaints; the answer itself is a task (POST /api/v1/tasks/{id}/complete). */
const READERS = ['COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'CITY_SUPERVISOR', 'AUDITOR'] as const;

@ApiTags('supervision')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintController {
  constructor(@Inject(ComplaintService) private readonly complaints: ComplaintService) {}

  /** A hotline call (服务热线) recorded by staff: the receipt code is read back to the caller. */
  @Post()
  @Roles('TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR')
  @ApiOk(HotlineComplaintFiled, { status: 201, links: { GetComplaint: linkById('ComplaintController_get') } })
  record(@CurrentActor() actor: Actor, @Body() body: RecordHotlineComplaintDto, @RequestId() requestId: string) {
    return this.complaints.file(body, { channel: 'HOTLINE', actor, requestId });
  }

  @Get()
  @Roles(...READERS)
  @ApiOkOrXlsx(ComplaintPage, '投诉举报')
  list(@CurrentActor() actor: Actor, @Query() q: ComplaintListQueryDto) {
    if (q.format === 'xlsx')
      return listWorkbook(
        { sheet: '投诉举报', filename: 'complaints.xlsx', columns: COMPLAINT_EXPORT_COLUMNS },
        (page, pageSize) => this.complaints.list(actor, { ...q, page, pageSize }),
      );
    return this.complaints.list(actor, q);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOk(ComplaintDetail)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.complaints.get(actor, id);
  }
}
