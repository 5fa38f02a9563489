import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../audit/audit-log';
import { assertJurisdiction } from '../auth/jurisdiction';
import { notFound } from '../common/domain-error';
import type { RegisterHousehold } from '../core/contracts/household';
import type { Actor } from '../core/contracts/roles';
import { PrismaClient } from '../prisma/prisma-client';
import { HouseholdRepository, type HouseholdView } from './household.repository';
import { maskResidentId } from '../core/contracts/resident-id';
import { refuse } from '../common/refusals';

@Injectable()
export class HouseholdService {
  constructor(
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
    @Inject(HouseholdRepository) private readonly households: HouseholdRepository,
  ) {}

  /** Registers a household and its members; all or nothing, audited in the same transaction. */
  async register(actor: Actor, input: RegisterHousehold, requestId: string): Promise<HouseholdView> {
    assertJurisdiction(actor, input.divisionCode);
    const id = await this.prisma.$transaction(async (tx) => {
      if (!(await this.households.divisionExists(tx, input.divisionCode))) {
        refuse('UNKNOWN_DIVISION', `区划代码 ${input.divisionCode} 不是已登记的村（社区）`, [
          { path: 'divisionCode', code: 'unknown_division', message: '未知的村（社区）区划代码' },
        ]);
      }
      const taken = await this.households.findRegisteredIdNumbers(
        tx,
        input.members.map((m) => m.idNumber),
      );
      if (taken.length > 0) {
        refuse(
          'MEMBER_ALREADY_REGISTERED',
          '部分成员已在其他家庭登记',
          taken.map((idNumber) => ({
            path: `members.${input.members.findIndex((m) => m.idNumber === idNumber)}.idNumber`,
            code: 'already_registered',
            message: `身份证号码 ${maskResidentId(idNumber)} 已登记`,
          })),
        );
      }
      const householdId = await this.households.create(tx, input, actor.userId);
      await appendAudit(tx, {
        actorId: actor.userId,
        role: actor.role,
        action: 'HOUSEHOLD_REGISTERED',
        targetType: 'Household',
        targetId: householdId,
        requestId,
        details: { divisionCode: input.divisionCode, members: input.members.length },
      });
      // Emergency aid applicants received before they were in the registry (domain.md §4.3) are matched now, by the ID number's HMAC.
      for (const m of await this.households.matchEmergencyApplicants(tx, householdId)) {
        await appendAudit(tx, {
          actorId: actor.userId,
          role: actor.role,
          action: 'EMERGENCY_APPLICANT_MATCHED',
          targetType: 'Member',
          targetId: m.memberId,
          requestId,
          details: { householdId, emergencyCases: m.emergencyCases },
        });
      }
      return householdId;
    });
    return (await this.households.findById(id))!;
  }

  async get(actor: Actor, id: string): Promise<HouseholdView> {
    const household = await this.households.findById(id);
    if (!household) throw notFound('家庭', id);
    assertJurisdiction(actor, household.divisionCode);
    return household;
  }
}
