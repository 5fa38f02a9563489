import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Determination } from '../core/contracts/policy-determination';
import { CATEGORY_NAMES_ZH } from '../core/contracts/household-facts';
import type { ApplicationCategory } from '../core/contracts/application';
import { LodgeObjectionDto, PublicityQueryDto } from './case.dto';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';
import { ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

/** 张三 -> 张*: the surname stays, the given name is masked. */
export const maskName = (name: string): string => (name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(name.length - 1)}`);

/** 公示: the public listing (masked) and objections from anyone, anonymous allowed. No token. */
@ApiTags('public')
@Controller('public/publicity')
export class PublicityController {
  constructor(
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(CaseService) private readonly service: CaseService,
  ) {}

  @Get()
  @Public()
  @ApiOk(R.Publicity)
  async list(@Query() query: PublicityQueryDto) {
    const rows = await this.cases.publicity(query);
    return rows.map((r) => {
      const head = r.household.members.find((m) => m.relation === 'HEAD') ?? r.household.members[0];
      const result = (r.explanation as Determination | null)?.categories[
        r.category as keyof Determination['categories']
      ];
      return {
        caseId: r.id,
        category: CATEGORY_NAMES_ZH[r.category as ApplicationCategory],
        village: r.household.division.name,
        applicant: head ? maskName(head.name) : null,
        idNumber: head?.idNumberMasked ?? null,
        householdSize: r.household.members.length,
        monthlyAmount: result?.proposedMonthlyBenefit ?? null,
        endsAt: r.stageDueAt,
      };
    });
  }

  @Post(':id/objections')
  @Public()
  @ApiOk(R.ObjectionLodged, { status: 201 })
  lodge(@UuidPath() id: string, @Body() body: LodgeObjectionDto) {
    return this.service.lodgeObjection(id, body);
  }
}
