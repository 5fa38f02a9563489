import { Global, Module } from '@nestjs/common';
import { PrismaClient } from '../prisma/prisma-client';
import { HolidayScheduleController } from './holiday-schedule.controller';
import { HolidayScheduleRepository } from './holiday-schedule.repository';
import { HolidayScheduleService } from './holiday-schedule.service';
import { LiveCalendar } from './live-calendar';

/** The working-day calendar of the API process (built-in years and loaded schedules) and its administration. */
@Global()
@Module({
  controllers: [HolidayScheduleController],
  providers: [
    { provide: LiveCalendar, inject: [PrismaClient], useFactory: (prisma: PrismaClient) => new LiveCalendar(prisma) },
    HolidayScheduleRepository,
    HolidayScheduleService,
  ],
  exports: [LiveCalendar],
})
export class CalendarModule {}
