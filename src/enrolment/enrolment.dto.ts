import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { ApplicationCategory } from '../core/contracts/application';
import {
  ENROLLED_STATUSES,
  PaymentFailureResolution,
  PaymentListQuery,
  RecheckAction,
  Reconciliation,
  ReportChange,
  SuspendResume,
} from '../core/contracts/enrolment';
import { CountyCode, TownshipCode } from '../core/contracts/division';

export const EnrolledCaseListQuery = z.strictObject({
  county: CountyCode.optional(),
  township: TownshipCode.optional(),
  category: ApplicationCategory.optional(),
  status: z.enum(ENROLLED_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type EnrolledCaseListQuery = z.infer<typeof EnrolledCaseListQuery>;

export class EnrolledCaseListQueryDto extends createZodDto(EnrolledCaseListQuery) {}
export class PaymentListQueryDto extends createZodDto(PaymentListQuery) {}
export class ReportChangeDto extends createZodDto(ReportChange) {}
export class SuspendResumeDto extends createZodDto(SuspendResume) {}
export class PaymentFailureResolutionDto extends createZodDto(PaymentFailureResolution) {}

const schemaOf = (schema: z.ZodType) => ({
  schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
});

/** Unions have no DTO class: validated by these pipes, documented by their JSON schema. */
export const reconciliationPipe = new ZodValidationPipe(Reconciliation);
export const reconciliationBody = schemaOf(Reconciliation);
export const recheckActionPipe = new ZodValidationPipe(RecheckAction);
export const recheckActionBody = schemaOf(RecheckAction);
