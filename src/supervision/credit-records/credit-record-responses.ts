import { z } from 'zod';

// The success bodies of the credit-record routes, for the OpenAPI document.

const Instant = z.iso.datetime({ offset: true });

export const CreditRecordBody = z.looseObject({
  id: z.guid(),
  householdId: z.guid(),
  source: z.looseObject({ kind: z.string(), id: z.guid() }),
  recoveryId: z.guid().nullable(),
  finding: z.string(),
  recordedBy: z.string(),
  recordedAt: Instant,
  expiresAt: Instant,
  expired: z.boolean(),
});

export const CreditRecordList = z.looseObject({ items: z.array(CreditRecordBody) });
