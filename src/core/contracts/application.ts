import { z } from 'zod';
import { HouseholdFacts } from './household-facts';

/** The categories an application can ask for (domain.md §2; RELAPSE_MONITORED is imported, never applied for). */
export const ApplicationCategory = z.enum(['MINIMUM_LIVING', 'DESTITUTE', 'NEAR_MINIMUM', 'RIGID_EXPENSE']);
export type ApplicationCategory = z.infer<typeof ApplicationCategory>;

/** self / on behalf by the village committee / opened from a monitoring warning. */
export const ApplicationChannel = z.enum(['SELF', 'ON_BEHALF', 'WARNING']);

/** The README's example: a seeded household of 文峰区 asking for 低保 (the API document's example, and a test follows it word for word). */
export const README_APPLICATION_EXAMPLE = {
  householdId: '00000000-0000-4000-8000-000000000001',
  category: 'MINIMUM_LIVING',
  channel: 'ON_BEHALF',
  facts: {
    applicationDate: '2026-11-29',
    residence: { county: '410502', area: 'RURAL' },
    members: [
      {
        id: 'p1',
        birthDate: '1958-03-12',
        relation: 'APPLICANT',
        labourCapacity: 'NONE',
        seriousIllness: true,
        employment: { employed: false },
        student: false,
        coResident: true,
      },
      {
        id: 'p2',
        birthDate: '1960-07-08',
        relation: 'SPOUSE',
        labourCapacity: 'PARTIAL',
        seriousIllness: false,
        employment: { employed: false },
        student: false,
        coResident: true,
      },
    ],
    income: [{ memberId: 'p2', type: 'WAGE', month: '2026-10', amount: 800 }],
    assets: { financial: [], homes: [], vehicles: [], enterprises: [], nonResidentialProperties: [] },
    expenses: [],
    legalSupporters: [],
    categoriesRequested: ['MINIMUM_LIVING'],
  },
  consent: { economicCheck: true, truthfulnessPromise: true },
};

export const SubmitApplication = z
  .strictObject({
    householdId: z.uuid(),
    category: ApplicationCategory,
    channel: ApplicationChannel,
    /** The household facts the policy engine assesses (members, income, assets, expenses over 12 months). */
    facts: HouseholdFacts,
    /** A close relative of social-assistance staff (单独登记备案): county home visit before confirmation. */
    closeRelativeFlag: z.boolean().default(false),
    /** 核对授权 by the adult members and legal supporters, and the 承诺 of truthfulness. */
    consent: z.strictObject({
      economicCheck: z.literal(true, { error: '须取得家庭经济状况核对授权' }),
      truthfulnessPromise: z.literal(true, { error: '须签署如实申报承诺' }),
    }),
  })
  .meta({ examples: [README_APPLICATION_EXAMPLE] });
export type SubmitApplication = z.infer<typeof SubmitApplication>;

/** ASCII spelled out (not \w) so the documented pattern means the same to every regex engine. */
export const IdempotencyKey = z
  .string()
  .trim()
  .min(8)
  .max(200)
  .regex(/^[A-Za-z0-9_.:-]+$/);
