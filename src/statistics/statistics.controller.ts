import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, Roles } from '../auth/decorators';
import type { Actor } from '../core/contracts/roles';
import {
  CaseloadStatistics,
  EmergencyStatistics,
  SlaStatistics,
  SlaStatisticsQuery,
  StatisticsRangeQuery,
} from '../core/contracts/statistics';
import { ApiOk } from '../openapi/decorators';
import { StatisticsService } from './statistics.service';

class StatisticsRangeQueryDto extends createZodDto(StatisticsRangeQuery) {}
class SlaStatisticsQueryDto extends createZodDto(SlaStatisticsQuery) {}

// Civil affairs staff who read cases from the township up, and the auditor: a dashboard counts
// cases, so department liaisons (no cases) and the three administrators (三员分立) are refused.
const READERS = ['TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'CITY_SUPERVISOR', 'AUDITOR'] as const;

/** 数据看板: aggregates of the caller's jurisdiction by month, county and category. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(@Inject(StatisticsService) private readonly statistics: StatisticsService) {}

  @Get('caseload')
  @Roles(...READERS)
  @ApiOk(CaseloadStatistics, { description: '按月、县（市、区）和类别统计的受理申请数与新增在保案件数' })
  caseload(@CurrentActor() actor: Actor, @Query() q: StatisticsRangeQueryDto) {
    return this.statistics.caseload(actor, q);
  }

  @Get('sla')
  @Roles(...READERS)
  @ApiOk(SlaStatistics, { description: '按事项类型和县（市、区）统计的按期办结、临期、超期任务数' })
  sla(@CurrentActor() actor: Actor, @Query() q: SlaStatisticsQueryDto) {
    return this.statistics.sla(actor, q);
  }

  @Get('emergency')
  @Roles(...READERS)
  @ApiOk(EmergencyStatistics, { description: '按月、县（市、区）和审批路径统计的临时救助案件与金额，及备用金使用' })
  emergency(@CurrentActor() actor: Actor, @Query() q: StatisticsRangeQueryDto) {
    return this.statistics.emergency(actor, q);
  }
}
