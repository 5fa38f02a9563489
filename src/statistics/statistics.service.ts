import { Inject, Injectable } from '@nestjs/common';
import { assertJurisdiction } from '../auth/jurisdiction';
import { divisionPrefix } from '../core/contracts/division';
import type { Actor } from '../core/contracts/roles';
import {
  defaultMonths,
  type CaseloadStatistics,
  type EmergencyStatistics,
  type SlaStatistics,
  type SlaStatisticsQuery,
  type StatisticsRangeQuery,
} from '../core/contracts/statistics';
import { StatisticsRepository, type StatisticsScope } from './statistics.repository';

const nextMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

/** The dashboards' aggregates, always inside the caller's jurisdiction (a county outside it is 403). */
@Injectable()
export class StatisticsService {
  constructor(@Inject(StatisticsRepository) private readonly repo: StatisticsRepository) {}

  private scope(actor: Actor, q: StatisticsRangeQuery): { from: string; to: string; scope: StatisticsScope } {
    const d = defaultMonths();
    const from = q.from ?? d.from;
    const to = q.to ?? d.to;
    if (q.county) assertJurisdiction(actor, q.county);
    return {
      from,
      to,
      scope: {
        prefix: divisionPrefix(actor.jurisdiction),
        county: q.county ?? null,
        start: new Date(`${from}-01T00:00:00+08:00`),
        end: new Date(`${nextMonth(to)}-01T00:00:00+08:00`),
      },
    };
  }

  async caseload(actor: Actor, q: StatisticsRangeQuery): Promise<CaseloadStatistics> {
    const { from, to, scope } = this.scope(actor, q);
    return { from, to, county: scope.county, rows: await this.repo.caseload(scope) };
  }

  async sla(actor: Actor, q: SlaStatisticsQuery): Promise<SlaStatistics> {
    const { from, to, scope } = this.scope(actor, q);
    const rows = await this.repo.sla(scope, q.dueWithinDays, new Date());
    return { from, to, county: scope.county, dueWithinDays: q.dueWithinDays, rows };
  }

  async emergency(actor: Actor, q: StatisticsRangeQuery): Promise<EmergencyStatistics> {
    const { from, to, scope } = this.scope(actor, q);
    const [rows, reserveFund] = await Promise.all([this.repo.emergency(scope), this.repo.reserveFund(scope)]);
    return { from, to, county: scope.county, rows, reserveFund };
  }
}
