import { z } from 'zod';
import { Department } from './deliberation';
import { Role } from './roles';

// Staff accounts, managed by the security administrator (domain.md §5): who may sign in, with which
// role and over which division.

/** The division level each role's jurisdiction must be. */
export const JURISDICTION_LEVEL: Record<Role, 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE'> = {
  VILLAGE_ASSISTANT: 'VILLAGE',
  TOWNSHIP_CASEWORKER: 'TOWNSHIP',
  COUNTY_OFFICER: 'COUNTY',
  COUNTY_SUPERVISOR: 'COUNTY',
  CITY_SUPERVISOR: 'CITY',
  DEPARTMENT_LIAISON: 'COUNTY',
  AUDITOR: 'CITY',
  ADMINISTRATOR: 'CITY',
  SECURITY_ADMINISTRATOR: 'CITY',
  AUDIT_ADMINISTRATOR: 'CITY',
};
const LEVEL_NAMES_ZH = {
  CITY: '市级（6 位，以 00 结尾）',
  COUNTY: '县级（6 位）',
  TOWNSHIP: '乡镇级（9 位）',
  VILLAGE: '村（社区）级（12 位）',
} as const;
const LEVEL_SHAPE = {
  CITY: /^\d{4}00$/,
  COUNTY: /^\d{4}(?!00)\d{2}$/,
  TOWNSHIP: /^\d{9}$/,
  VILLAGE: /^\d{12}$/,
} as const;

/** Null when the code has the shape of the role's level, else the field message. */
export function jurisdictionMismatch(role: Role, code: string): string | null {
  const level = JURISDICTION_LEVEL[role];
  return LEVEL_SHAPE[level].test(code) ? null : `该角色的辖区须为${LEVEL_NAMES_ZH[level]}区划代码`;
}

export const Username = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{2,49}$/, { error: '须为 3–50 个小写字母、数字或 ._- 字符，以字母开头' });
const DivisionCode = z.string().regex(/^\d{6}(\d{3}){0,2}$/, { error: '须为 6、9 或 12 位区划代码' });
const DisplayName = z.string().trim().min(1, { error: '须填写姓名' }).max(50);

export const CreateUser = z
  .strictObject({
    username: Username,
    displayName: DisplayName,
    role: Role,
    jurisdictionCode: DivisionCode,
    department: Department.optional(),
  })
  .superRefine((u, ctx) => {
    const mismatch = jurisdictionMismatch(u.role, u.jurisdictionCode);
    if (mismatch) ctx.addIssue({ code: 'custom', path: ['jurisdictionCode'], message: mismatch });
    if (u.role === 'DEPARTMENT_LIAISON' && !u.department)
      ctx.addIssue({ code: 'custom', path: ['department'], message: '部门联络员须填写所属部门' });
    if (u.role !== 'DEPARTMENT_LIAISON' && u.department)
      ctx.addIssue({ code: 'custom', path: ['department'], message: '仅部门联络员填写所属部门' });
  });
export type CreateUser = z.infer<typeof CreateUser>;

/** Checked against the user's current record by the service (role and jurisdiction must fit together). */
export const UpdateUser = z
  .strictObject({
    displayName: DisplayName.optional(),
    role: Role.optional(),
    jurisdictionCode: DivisionCode.optional(),
    department: Department.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    error: '须至少修改一项（displayName、role、jurisdictionCode、department、disabled）',
  });
export type UpdateUser = z.infer<typeof UpdateUser>;

export const UserListQuery = z.strictObject({
  role: Role.optional(),
  /** Keyset: the last username of the previous page. */
  after: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserListQuery = z.infer<typeof UserListQuery>;
