import { Inject, Injectable } from '@nestjs/common';
import { assertJurisdiction } from '../auth/jurisdiction';
import { cstDate } from '../core/clock';
import { countyOf, divisionCovers } from '../core/contracts/division';
import type { Actor } from '../core/contracts/roles';
import { LiveParameterStore } from '../policy-admin/live-parameter-store';
import { PrismaClient } from '../prisma/prisma-client';
import { FUND_REPORT_COLUMNS, fundReportRows, type FundReportRow } from './fund-report';
import { paymentDeadlineOrRefuse } from './fund-month';
import { countiesWithCases, monthInstructions, owedCases, recoveredInMonth } from './funds.repository';
import { fundReportWorkbook } from './fund-report.xlsx';

/** The monthly fund report per county and category (owed, instructed, paid, failed, late, recovered), as JSON or a workbook. */
@Injectable()
export class FundReportService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(LiveParameterStore) private readonly parameters: LiveParameterStore,
  ) {}

  /** The counties asked for: the one named, the caller's own, or every county a city-wide reader covers. */
  private async counties(actor: Actor, county: string | undefined): Promise<string[]> {
    if (county) {
      assertJurisdiction(actor, county);
      return [county];
    }
    if (actor.jurisdiction.length >= 6) return [countyOf(actor.jurisdiction)];
    return (await countiesWithCases(this.prisma)).filter((c) => divisionCovers(actor.jurisdiction, c));
  }

  async report(actor: Actor, month: string, county: string | undefined) {
    const today = cstDate(new Date().toISOString());
    const counties: { countyCode: string; deadline: string }[] = [];
    const rows: FundReportRow[] = [];
    for (const countyCode of await this.counties(actor, county)) {
      const deadline = paymentDeadlineOrRefuse(this.parameters, countyCode, month);
      counties.push({ countyCode, deadline });
      rows.push(
        ...fundReportRows(
          countyCode,
          await owedCases(this.prisma, countyCode, month),
          await monthInstructions(this.prisma, countyCode, month),
          deadline,
          today,
          await recoveredInMonth(this.prisma, countyCode, month),
        ),
      );
    }
    return {
      month,
      counties,
      columns: FUND_REPORT_COLUMNS.map(({ key, header }) => ({ key, header })),
      rows,
    };
  }

  async workbook(actor: Actor, month: string, county: string | undefined): Promise<Buffer> {
    const r = await this.report(actor, month, county);
    const note = `发放截止日：${r.counties.map((c) => `${c.countyCode} ${c.deadline}`).join('；') || '无'}`;
    return fundReportWorkbook(month, note, r.rows);
  }
}
