import { Inject, Injectable } from '@nestjs/common';
import type { YearSchedule } from '../policy';
import { Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

/** Who loaded a year's schedule and when (the dates themselves come from the live calendar). */
const loadInfo = { year: true, source: true, loadedBy: true, loadedAt: true } satisfies Prisma.HolidayScheduleSelect;

/** The holiday schedules an administrator loaded (holiday_schedule). */
@Injectable()
export class HolidayScheduleRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  loaded() {
    return this.prisma.holidaySchedule.findMany({ select: loadInfo });
  }

  loadedYear(year: number) {
    return this.prisma.holidaySchedule.findUnique({ where: { year }, select: loadInfo });
  }

  /** Stores (or replaces) the year's schedule; true when it replaced one. */
  async store(tx: Tx, schedule: YearSchedule, loadedBy: string, loadedAt: Date): Promise<boolean> {
    const previous = await tx.holidaySchedule.findUnique({ where: { year: schedule.year }, select: { year: true } });
    const { year, source } = schedule;
    const holidays = [...schedule.holidays];
    const makeUpWorkdays = [...schedule.makeUpWorkdays];
    await tx.holidaySchedule.upsert({
      where: { year },
      create: { year, holidays, makeUpWorkdays, source, loadedBy, loadedAt },
      update: { holidays, makeUpWorkdays, source, loadedBy, loadedAt },
    });
    return previous !== null;
  }
}
