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
  surveys: SurveyController.prototype.create,
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
});
