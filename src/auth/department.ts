import { refuse } from '../common/refusals';
import { Department } from '../core/contracts/deliberation';
import type { Actor } from '../core/contracts/roles';

/**
 * A department liaison's department, as the guard read it from the user record for this
 * request (so a moved liaison sees the new department's work at once); null for every other
 * role. A liaison account without a department is refused: it could see nothing correctly.
 */
export function liaisonDepartment(actor: Actor): Department | null {
  if (actor.role !== 'DEPARTMENT_LIAISON') return null;
  const parsed = Department.safeParse(actor.department);
  if (!parsed.success) refuse('ROLE_NOT_ALLOWED', '部门联络员账号未登记所属部门，请联系管理员');
  return parsed.data;
}
