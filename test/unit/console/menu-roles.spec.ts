import 'reflect-metadata';
import { DENIED_KEY, ROLES_KEY, type Denial } from '../../../src/auth/decorators';
import { Role } from '../../../src/core/contracts/roles';
import { HolidayScheduleController } from '../../../src/calendar/holiday-schedule.controller';
import { EnrolledCaseController } from '../../../src/enrolment/enrolled-case.controller';
import { PaymentController } from '../../../src/enrolment/payment.controller';
import { IncidentController } from '../../../src/incidents/incident.controller';
import { DataBatchController } from '../../../src/monitoring/data-batch.controller';
import { SurveyController } from '../../../src/monitoring/outreach/survey.controller';
import { ParameterAdminController } from '../../../src/policy-admin/parameter-admin.controller';
import { SimulationController } from '../../../src/policy-admin/simulation.controller';
import { StandardAdjustmentController } from '../../../src/policy-admin/standard-adjustment.controller';
import { PolicyController } from '../../../src/policy-api/policy.controller';
import { RecheckCampaignController } from '../../../src/recheck-campaigns/campaign.controller';
import { DeliberationController } from '../../../src/deliberation/deliberation.controller';
import { EmergencyController } from '../../../src/emergency/emergency.controller';
import { FundCheckController } from '../../../src/funds/fund-check.controller';
import { PaymentBatchController } from '../../../src/funds/payment-batch.controller';
import { CreditRecordController } from '../../../src/supervision/credit-records/credit-record.controller';
import { MENU, mayOpen } from '../../../console/src/menus';

// The console shows a screen only to roles the API route behind it accepts (a menu that would
// only be refused is a bug): each administration and operations screen against its route's
// @Roles (or every staff role but the denied one where the route has no @Roles).

type Handler = (...args: never[]) => unknown;
const SEPARATED = new Set(['SECURITY_ADMINISTRATOR', 'AUDIT_ADMINISTRATOR']);
const STAFF = Role.options.filter((r) => !SEPARATED.has(r));

function accepted(handler: Handler): string[] {
  const roles = Reflect.getMetadata(ROLES_KEY, handler) as string[] | undefined;
  const denied = Reflect.getMetadata(DENIED_KEY, handler) as Denial | undefined;
  return (roles ?? STAFF).filter((r) => r !== denied?.role);
}

/** Each screen and the route whose answer it is built on. */
const SCREENS: Record<string, Handler> = {
  parameters: PolicyController.prototype.list,
  simulations: SimulationController.prototype.start,
  adjustments: StandardAdjustmentController.prototype.start,
  holidays: HolidayScheduleController.prototype.list,
  incidents: IncidentController.prototype.list,
  'enrolled-cases': EnrolledCaseController.prototype.list,
  'enrolled-case': EnrolledCaseController.prototype.get,
  'payment-instructions': PaymentController.prototype.payments,
  campaigns: RecheckCampaignController.prototype.list,
  'data-batches': DataBatchController.prototype.upload,
  // The supervisor draws there; the officer and the auditor open a survey from its record.
  surveys: SurveyController.prototype.get,
  'survey-records': SurveyController.prototype.list,
  'simulation-records': SimulationController.prototype.list,
  'adjustment-records': StandardAdjustmentController.prototype.list,
  'payment-batches': PaymentBatchController.prototype.list,
  'emergency-list': EmergencyController.prototype.list,
  deliberations: DeliberationController.prototype.list,
};

describe('console screens and the API roles behind them', () => {
  it.each(Object.entries(SCREENS))('%s is shown only to roles its route accepts', (name, handler) => {
    const allowed = accepted(handler);
    const shown = Role.options.filter((r) => mayOpen(r, name));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((r) => !allowed.includes(r))).toEqual([]);
  });

  it('the actions a screen offers are the route’s roles: proposing and deciding a parameter', () => {
    expect(accepted(ParameterAdminController.prototype.propose)).toEqual(['ADMINISTRATOR']);
    // The parameters screen goes to those who act on parameters.
    const shown = MENU.find((m) => m.name === 'parameters')!.roles;
    expect([...shown].sort()).toEqual([...accepted(ParameterAdminController.prototype.decide)].sort());
  });

  it('the actions a screen offers are the route’s roles: the manual fund check, a credit record by hand, a draw', () => {
    // 资金发放 shows 立即核查该月发放 to the county supervisor alone (FundsView), the case page the
    // credit record form to county civil affairs (CaseView), 随机调查 the draw to the supervisor.
    expect(accepted(FundCheckController.prototype.run)).toEqual(['COUNTY_SUPERVISOR']);
    expect([...accepted(CreditRecordController.prototype.record)].sort()).toEqual([
      'COUNTY_OFFICER',
      'COUNTY_SUPERVISOR',
    ]);
    expect(accepted(SurveyController.prototype.create)).toEqual(['COUNTY_SUPERVISOR']);
  });
});
