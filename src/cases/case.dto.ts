import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { checkPaging, keysetPaging } from '../common/keyset';
import { ApplicationCategory } from '../core/contracts/application';
import { CountyCode, TownshipCode } from '../core/contracts/division';
import {
  DeterminationAction,
  LodgeObjectionCommand,
  OPEN_STAGES,
  TERMINAL_STAGES,
} from '../core/contracts/determination';

export const CaseListQuery = z
  .strictObject({
    stage: z.enum([...OPEN_STAGES, ...TERMINAL_STAGES]).optional(),
    category: ApplicationCategory.optional(),
    county: CountyCode.optional(),
    township: TownshipCode.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    /** `xlsx`: the same rows as an Excel workbook (下载 Excel). */
    format: z.enum(['json', 'xlsx'], { error: '须为 json 或 xlsx' }).default('json'),
    ...keysetPaging(100, 20),
  })
  .superRefine(checkPaging);
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export class CaseListQueryDto extends createZodDto(CaseListQuery) {}
/** A union has no DTO class: validated by this pipe, documented by its JSON schema. */
export const determinationActionPipe = new ZodValidationPipe(DeterminationAction);
export const determinationActionBody = {
  schema: z.toJSONSchema(DeterminationAction, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
};
export class LodgeObjectionDto extends createZodDto(LodgeObjectionCommand) {}
export class PublicityQueryDto extends createZodDto(
  z.strictObject({ county: CountyCode.optional(), township: TownshipCode.optional() }),
) {}
