import type { Client } from '@temporalio/client';
import { startOfDayCst } from '../core/clock';
import { TERMINAL_STAGES } from '../core/contracts/determination';
import type { CalendarLoaded } from '../core/contracts/holiday-schedule';
import type { PrismaClient } from '../prisma/prisma-client';
import { signalEach } from '../temporal/signal-each';
import { calendarLoadedSignal } from '../core/messages';
import type { LiveCalendar } from './live-calendar';

export interface CalendarActivityDeps {
  prisma: PrismaClient;
  client: Client;
  calendar: LiveCalendar;
}

/** Signals in flight at once: a load touches at most the open cases of the city. */
const SIGNALS_IN_FLIGHT = 32;

/**
 * After a holiday schedule is loaded: every running workflow that may hold a due date
 * computed without it hears `calendarLoaded` and plans that date again. Those are the
 * workflows with a live task whose due date is provisional, and the open applications whose
 * whole-process limit ends in that year or later. A repeated signal is harmless: a date
 * already planned on the loaded calendar is no longer provisional and stays as it is.
 */
export function createCalendarActivities({ prisma, client, calendar }: CalendarActivityDeps) {
  return {
    async signalProvisionalCases(loaded: CalendarLoaded): Promise<{ signalled: number; skipped: number }> {
      await calendar.reload(); // this worker plans on the loaded year from now on
      const [tasks, applications] = await Promise.all([
        prisma.task.findMany({
          where: { status: { in: ['OPEN', 'CLAIMED'] }, dueProvisional: true },
          distinct: ['workflowId'],
          select: { workflowId: true },
        }),
        prisma.application.findMany({
          where: {
            stage: { notIn: [...TERMINAL_STAGES] },
            processDueAt: { gte: startOfDayCst(`${loaded.year}-01-01`) },
          },
          select: { workflowId: true },
        }),
      ]);
      const ids = [...new Set([...tasks, ...applications].map((r) => r.workflowId))];
      // A workflow closed since the rows were read is skipped.
      return signalEach(client, ids, calendarLoadedSignal, [loaded], { inFlight: SIGNALS_IN_FLIGHT });
    },
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;
