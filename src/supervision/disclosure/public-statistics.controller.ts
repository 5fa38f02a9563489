import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { Public } from '../../auth/decorators';
import { lastFullMonth, StatisticsQuery } from '../../core/contracts/disclosure';
import { ApiOk } from '../../openapi/decorators';
import { MonthlyStatisticsBody } from './disclosure-responses';
import { DisclosureService } from './disclosure.service';

class StatisticsQueryDto extends createZodDto(StatisticsQuery) {}

/** 信息公开 (plan 三(三)): a month's statistics per county and category, for anyone, no login. */
@ApiTags('public')
@Controller('public/statistics')
export class PublicStatisticsController {
  constructor(@Inject(DisclosureService) private readonly disclosure: DisclosureService) {}

  /** Aggregates only: counts under the threshold and their complements are null, marked suppressed. */
  @Get()
  @Public()
  @ApiOk(MonthlyStatisticsBody)
  monthly(@Query() query: StatisticsQueryDto) {
    return this.disclosure.monthly(query.month ?? lastFullMonth());
  }
}
