import { CreateUser, UpdateUser } from '@contracts/user';
import { ROLE_NAMES_ZH } from '@contracts/roles';
import { DEPARTMENT_NAMES_ZH } from '@contracts/deliberation';
import type { ActionForm } from './fields';

// Accounts (账户管理), the security administrator's alone (三员分立): a new account, and a change
// of role (with the jurisdiction the new role needs), checked by the API's own schemas.

export const CREATE_USER_FORM: ActionForm = {
  action: '',
  title: '新建账户',
  schema: CreateUser,
  fields: [
    { key: 'username', label: '登录名', kind: 'text', hint: '3–50 个小写字母、数字或 ._- 字符，以字母开头' },
    { key: 'displayName', label: '姓名', kind: 'text' },
    { key: 'role', label: '角色', kind: 'select', options: ROLE_NAMES_ZH },
    {
      key: 'jurisdictionCode',
      label: '辖区区划代码',
      kind: 'text',
      hint: '市级 6 位（以 00 结尾），县级 6 位，乡镇 9 位，村（社区）12 位',
    },
    { key: 'department', label: '所属部门', kind: 'select', options: DEPARTMENT_NAMES_ZH, optional: true },
  ],
};

export const CHANGE_ROLE_FORM: ActionForm = {
  action: '',
  title: '变更角色',
  schema: UpdateUser,
  fields: [
    { key: 'role', label: '新角色', kind: 'select', options: ROLE_NAMES_ZH },
    {
      key: 'jurisdictionCode',
      label: '辖区区划代码',
      kind: 'text',
      optional: true,
      hint: '新角色的辖区层级不同时填写',
    },
    { key: 'department', label: '所属部门', kind: 'select', options: DEPARTMENT_NAMES_ZH, optional: true },
  ],
};
