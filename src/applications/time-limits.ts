import { Injectable } from '@nestjs/common';
import { defaultCalendar, defaultParameterStore, dueDate, PARAMETER_IDS, type TimeLimitDue } from '../policy';

/** End of a due day in China Standard Time, as an ISO instant for the workflow's timer. */
export const endOfDayCst = (isoDate: string): string => new Date(`${isoDate}T23:59:59+08:00`).toISOString();

/** Due dates from the time-limit parameters on the working-day calendar (domain.md §4). */
@Injectable()
export class TimeLimits {
  private readonly parameters = defaultParameterStore();
  private readonly calendar = defaultCalendar();

  due(limitId: string, start: string, county: string): TimeLimitDue {
    return dueDate(limitId, start, { county }, this.parameters, this.calendar);
  }

  acceptanceDue(county: string, today: string): string {
    return endOfDayCst(this.due(PARAMETER_IDS.TL_ACCEPTANCE, today, county).date);
  }
}
