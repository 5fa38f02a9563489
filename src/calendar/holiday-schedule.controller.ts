import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { HolidayScheduleBody, ScheduleYear } from '../core/contracts/holiday-schedule';
import type { Actor } from '../core/contracts/roles';
import { HolidayScheduleService } from './holiday-schedule.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

class HolidayScheduleDto extends createZodDto(HolidayScheduleBody) {}
const YearParam = new ZodValidationPipe(ScheduleYear);

/** The holiday schedules behind every working-day limit: any staff member may read them, an administrator loads a year. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar/holiday-schedules')
export class HolidayScheduleController {
  constructor(@Inject(HolidayScheduleService) private readonly schedules: HolidayScheduleService) {}

  @Get()
  @ApiOk(R.HolidayScheduleList)
  list() {
    return this.schedules.list();
  }

  @Get(':year')
  @ApiOk(R.HolidaySchedule)
  get(@Param('year', { schema: ScheduleYear, pipes: [YearParam] }) year: number) {
    return this.schedules.get(year);
  }

  /** Loads or replaces a year from the State Council's notice; running cases plan their provisional due dates again. */
  @Put(':year')
  @Roles('ADMINISTRATOR')
  @ApiOk(R.HolidayScheduleLoaded)
  put(
    @CurrentActor() actor: Actor,
    @Param('year', { schema: ScheduleYear, pipes: [YearParam] }) year: number,
    @Body() body: HolidayScheduleDto,
    @RequestId() requestId: string,
  ) {
    return this.schedules.put(actor, year, body, requestId);
  }
}
