import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../../auth/decorators';
import { UuidPath } from '../../common/uuid-param.pipe';
import { SurveyRequest } from '../../core/contracts/outreach';
import { SurveyListQuery } from '../../core/contracts/record-lists';
import type { Actor } from '../../core/contracts/roles';
import { ApiOkOrXlsx } from '../../export/api-xlsx';
import { listWorkbook } from '../../export/list-workbook';
import { SURVEY_EXPORT_COLUMNS } from '../../export/record-exports';
import { ApiErrors, ApiOk, linkById } from '../../openapi/decorators';
import { SurveyBody, SurveyPage } from './outreach-responses';
import { OutreachService } from './outreach.service';

class SurveyRequestDto extends createZodDto(SurveyRequest) {}
class SurveyListQueryDto extends createZodDto(SurveyListQuery) {}

/** Random surveys (随机调查, plan 二(三)3): the county supervisor draws a seeded sample; its visits are tasks. */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('monitoring/surveys')
export class SurveyController {
  constructor(@Inject(OutreachService) private readonly outreach: OutreachService) {}

  @Post()
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(SurveyBody, { status: 201, links: { GetSurvey: linkById('SurveyController_get') } })
  create(@CurrentActor() actor: Actor, @Body() body: SurveyRequestDto, @RequestId() requestId: string) {
    return this.outreach.createSurvey(actor, body, requestId);
  }

  @Get()
  @Roles('COUNTY_SUPERVISOR', 'COUNTY_OFFICER', 'AUDITOR')
  @ApiOkOrXlsx(SurveyPage, '随机调查记录')
  list(@CurrentActor() actor: Actor, @Query() q: SurveyListQueryDto) {
    if (q.format === 'xlsx')
      return listWorkbook(
        { sheet: '随机调查记录', filename: 'surveys.xlsx', columns: SURVEY_EXPORT_COLUMNS },
        (page, pageSize) => this.outreach.surveys(actor, { ...q, page, pageSize }),
      );
    return this.outreach.surveys(actor, q);
  }

  @Get(':id')
  @Roles('COUNTY_SUPERVISOR', 'COUNTY_OFFICER', 'AUDITOR')
  @ApiOk(SurveyBody)
  @ApiErrors(404)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.outreach.survey(actor, id);
  }
}
