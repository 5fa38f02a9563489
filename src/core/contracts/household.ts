import { z } from 'zod';
import { Text } from './text';
import { RESIDENT_ID_MESSAGES, residentIdProblem } from './resident-id';

export const Relation = z.enum(['HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'GRANDCHILD', 'GRANDPARENT', 'OTHER']);
export const LabourCapacity = z.enum(['FULL', 'PARTIAL', 'NONE']);
export const Area = z.enum(['URBAN', 'RURAL']);
export const DisabilityType = z.enum(['VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE']);

export const ResidentIdNumber = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((id, ctx) => {
    const problem = residentIdProblem(id);
    if (problem) ctx.addIssue({ code: 'custom', message: RESIDENT_ID_MESSAGES[problem], params: { reason: problem } });
  })
  // Documented for OpenAPI (the check digit and birth date are checked above, not by the pattern).
  .meta({ pattern: '^[0-9]{17}[0-9Xx]$', minLength: 18, maxLength: 18 });

export const MemberInput = z.strictObject({
  name: Text({ max: 50 }),
  idNumber: ResidentIdNumber,
  relation: Relation,
  labourCapacity: LabourCapacity,
  disability: z.strictObject({ type: DisabilityType, grade: z.number().int().min(1).max(4) }).optional(),
  seriousIllness: z.boolean().default(false),
  employed: z.boolean().default(false),
  student: z.boolean().default(false),
});

export const RegisterHousehold = z
  .strictObject({
    /** 12-digit village (community) code where the household lives. */
    divisionCode: z.string().regex(/^\d{12}$/, '须为 12 位村（社区）区划代码'),
    area: Area,
    address: Text({ max: 200 }),
    members: z.array(MemberInput).min(1).max(20),
  })
  .superRefine((h, ctx) => {
    const heads = h.members.filter((m) => m.relation === 'HEAD').length;
    if (heads !== 1)
      ctx.addIssue({ code: 'custom', path: ['members'], message: `须有且仅有一名户主（当前 ${heads} 名）` });
    const seen = new Map<string, number>();
    h.members.forEach((m, i) => {
      const first = seen.get(m.idNumber);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['members', i, 'idNumber'],
          message: `与第 ${first + 1} 名成员的身份证号码重复`,
        });
      } else seen.set(m.idNumber, i);
    });
  })
  // A valid registration (synthetic ID numbers with their check digits), for the API document and contract tests.
  .meta({
    examples: [
      {
        divisionCode: '410502002001',
        area: 'RURAL',
        address: '宝莲寺镇前进村 2 组 8 号',
        members: [
          { name: '示例户主', idNumber: '410502196203157010', relation: 'HEAD', labourCapacity: 'PARTIAL' },
          {
            name: '示例配偶',
            idNumber: '410502196507227022',
            relation: 'SPOUSE',
            labourCapacity: 'NONE',
            seriousIllness: true,
          },
        ],
      },
    ],
  });
export type RegisterHousehold = z.infer<typeof RegisterHousehold>;
