// A warning routed to a department becomes a referral (domain.md §4.6, plan 二(三)4): the
// warning's workflow asks for it once the township's verification says REFER. The referral is
// the department's work item from then on; the warning closes and shows which referral it became.
import { ApplicationFailure } from '@temporalio/common';
import { cstDate } from '../core/clock';
import { DEPARTMENT_NAMES_ZH, type Department } from '../core/contracts/deliberation';
import type { AreaType } from '../core/contracts/household-facts';
import { ENTITLEMENT_NAMES_ZH, Entitlement, EntitlementRule } from '../core/contracts/referral';
import { P } from '../core/parameter-ids';
import type { ParameterStore } from '../policy';
import { derivedReferralId } from './derived-id';
import { openReferral, referralOpenKey, type ReferralActivityDeps } from './referral.activities';
import { warningReferralRule } from './warning-referral';

export interface WarningReferralRequest {
  warningId: string;
  department: Department;
  entitlement: Entitlement | null;
}

export interface WarningReferralOpened {
  referralId: string;
  entitlement: Entitlement;
  /** False: an open referral of the same person and item existed, and the warning points to it. */
  opened: boolean;
}

/** The matrix in force for a county on a date (both areas when the area is unknown). */
export function entitlementMatrix(
  parameters: Pick<ParameterStore, 'lookupTable'>,
  date: string,
  county: string,
  area: AreaType | null,
): EntitlementRule[] {
  const table = parameters.lookupTable(P.ASSISTANCE_ENTITLEMENT_MATRIX, {
    date,
    county,
    ...(area ? { area } : {}),
  });
  return table.value.map((r) => EntitlementRule.parse(r));
}

/**
 * Class (a) names the item left undelivered (and its department): a REFER to that department
 * refers that item unless the verifier names another.
 */
export function owedItemOf(
  w: { warningClass: string; details: unknown },
  department: Department,
): Entitlement | undefined {
  if (w.warningClass !== 'POLICY_NOT_APPLIED') return undefined;
  const d = (w.details ?? {}) as { entitlement?: Entitlement; department?: string };
  const item = d.entitlement === undefined ? undefined : ENTITLEMENT_RULE_OF(d.entitlement);
  return item !== undefined && (d.department === undefined || d.department === department) ? item : undefined;
}

const ENTITLEMENT_RULE_OF = (e: string): Entitlement | undefined =>
  (Entitlement.options as readonly string[]).includes(e) ? (e as Entitlement) : undefined;

export function createWarningReferralActivities(
  deps: ReferralActivityDeps & { parameters: Pick<ParameterStore, 'lookupTable'> },
) {
  const { prisma, parameters } = deps;
  return {
    async openWarningReferral(r: WarningReferralRequest): Promise<WarningReferralOpened> {
      const w = await prisma.warning.findUniqueOrThrow({ where: { id: r.warningId } });
      const household = w.householdId
        ? await prisma.household.findUnique({ where: { id: w.householdId }, select: { area: true } })
        : null;
      const area = (household?.area as AreaType | undefined) ?? null;
      const member = w.memberId
        ? await prisma.member.findUnique({ where: { id: w.memberId }, select: { idNumberMasked: true } })
        : null;
      const known =
        member ??
        (await prisma.populationRecord.findFirst({
          where: { idNumberHmac: w.idNumberHmac },
          select: { idNumberMasked: true },
        }));
      const date = cstDate(new Date().toISOString());
      const derived = warningReferralRule(
        entitlementMatrix(parameters, date, w.countyCode, area),
        r.department,
        r.entitlement ?? owedItemOf(w, r.department),
        area,
      );
      // The API checks the verification with the same rule; only a matrix changed in between lands here.
      if (!derived.ok)
        throw ApplicationFailure.create({
          type: 'REFERRAL_NOT_DERIVABLE',
          message: derived.message,
          nonRetryable: true,
        });
      const { rule } = derived;
      // Class (a): the person's enrolled case is the referral's case (its category, its timeline).
      const enrolled = w.enrolledCaseId
        ? await prisma.enrolledCase.findUnique({ where: { id: w.enrolledCaseId }, select: { category: true } })
        : null;
      // A person in the registry is the same person as in their case's referrals (one open per item).
      const memberRef = w.memberId ?? `warning:${w.id}`;
      const referralId = derivedReferralId('warning', w.id, rule.entitlement);
      const opened = await openReferral(
        deps,
        {
          referralId,
          origin: 'WARNING',
          countyCode: w.countyCode,
          townshipCode: w.townshipCode,
          memberRef,
          enrolledCaseId: w.enrolledCaseId,
          warningId: w.id,
          entitlement: rule.entitlement,
          department: rule.department,
          timeLimitWorkingDays: rule.timeLimitWorkingDays,
          periodicity: rule.periodicity,
          amountRequired: rule.amountRequired === 'YES',
          year: Number(date.slice(0, 4)),
        },
        { category: enrolled?.category ?? null, idNumberMasked: known?.idNumberMasked ?? null },
      );
      const existing = opened
        ? null
        : await prisma.referral.findUnique({
            where: { openKey: referralOpenKey(memberRef, rule.entitlement) },
            select: { id: true },
          });
      const result = { referralId: existing?.id ?? referralId, entitlement: rule.entitlement, opened };
      const name = ENTITLEMENT_NAMES_ZH[rule.entitlement];
      await prisma.warningEvent.createMany({
        data: [
          {
            warningId: w.id,
            eventKey: `REFERRAL_OPENED#${referralId}`,
            type: 'REFERRAL_OPENED',
            stage: 'REFERRED',
            reason: opened
              ? `已转介${DEPARTMENT_NAMES_ZH[rule.department]}部门落实：${name}`
              : `${name}已有未办结的转介，未重复开启`,
            at: new Date(),
          },
        ],
        skipDuplicates: true,
      });
      return result;
    },
  };
}

export type WarningReferralActivities = ReturnType<typeof createWarningReferralActivities>;
