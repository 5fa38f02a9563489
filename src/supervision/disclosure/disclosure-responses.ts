import { z } from 'zod';

// The public statistics' body, for the OpenAPI document (open objects, as in src/openapi/responses.ts).

const BenefitCell = z.looseObject({
  households: z.int().nullable(),
  persons: z.int().nullable(),
  amountPaid: z.string().nullable(),
  suppressed: z.boolean(),
});
const Area = z.looseObject({
  benefits: z.array(BenefitCell.extend({ category: z.string() })),
  benefitsTotal: BenefitCell,
  emergencyAid: z.looseObject({ cases: z.int().nullable(), amount: z.string().nullable(), suppressed: z.boolean() }),
  complaints: z.looseObject({
    answered: z.int().nullable(),
    answeredOnTime: z.int().nullable(),
    suppressed: z.boolean(),
  }),
});

export const MonthlyStatisticsBody = z.looseObject({
  month: z.string(),
  threshold: z.int(),
  thresholdSource: z.string(),
  categories: z.array(z.looseObject({ category: z.string(), name: z.string() })),
  counties: z.array(Area.extend({ countyCode: z.string(), countyName: z.string() })),
  city: Area,
  generatedAt: z.iso.datetime({ offset: true }),
});
