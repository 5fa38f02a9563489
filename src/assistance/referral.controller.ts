import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { createZodDto, ZodValidationPipe } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import { CoverageQuery, ReferralCommand, ReferralListQuery, RevealReferralIdNumber } from '../core/contracts/referral';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import { Coverage, ReferralDetail, ReferralPage, ReferralStateBody, RevealedIdNumber } from './referral-responses';
import { ReferralService } from './referral.service';
import { ApiOkOrXlsx } from '../export/api-xlsx';
import { listWorkbook } from '../export/list-workbook';
import { REFERRAL_EXPORT_COLUMNS } from '../export/supervision-exports';

class ReferralListQueryDto extends createZodDto(ReferralListQuery) {}
class CoverageQueryDto extends createZodDto(CoverageQuery) {}
class RevealDto extends createZodDto(RevealReferralIdNumber) {}
// A discriminated union is no DTO class: validated by the pipe, documented from its JSON Schema.
const commandPipe = new ZodValidationPipe(ReferralCommand);
const commandBody = {
  schema: z.toJSONSchema(ReferralCommand, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
};

// Department liaisons (their department's referrals only) and civil affairs staff of the jurisdiction.
const READERS = [
  'DEPARTMENT_LIAISON',
  'TOWNSHIP_CASEWORKER',
  'COUNTY_OFFICER',
  'COUNTY_SUPERVISOR',
  'AUDITOR',
] as const;

@ApiTags('assistance')
@ApiBearerAuth()
@Controller()
export class ReferralController {
  constructor(@Inject(ReferralService) private readonly referrals: ReferralService) {}

  /** The referral inbox: a liaison's department only; civil affairs every department of its jurisdiction. */
  @Get('referrals')
  @Roles(...READERS)
  @ApiOkOrXlsx(ReferralPage, '转介事项')
  @ApiErrors(400)
  list(@CurrentActor() actor: Actor, @Query() q: ReferralListQueryDto) {
    if (q.format === 'xlsx')
      return listWorkbook(
        { sheet: '转介事项', filename: 'referrals.xlsx', columns: REFERRAL_EXPORT_COLUMNS },
        (page, pageSize) => this.referrals.list(actor, { ...q, page, pageSize }),
      );
    return this.referrals.list(actor, q);
  }

  @Get('referrals/:id')
  @Roles(...READERS)
  @ApiOk(ReferralDetail)
  @ApiErrors(404)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.referrals.get(actor, id);
  }

  /**
   * The department's feedback (ACCEPT, REQUEST_INFO, DELIVER, DECLINE) or civil affairs' answer
   * (ANSWER_INFO). 403 for another department's referral, 409 once it is closed.
   */
  @Post('referrals/:id/actions')
  @HttpCode(200)
  @Roles('DEPARTMENT_LIAISON', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR')
  @ApiBody(commandBody)
  @ApiOk(ReferralStateBody)
  @ApiErrors(400, 404, 409)
  act(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body(commandPipe) body: ReferralCommand,
    @RequestId() requestId: string,
  ) {
    return this.referrals.act(actor, id, body, requestId);
  }

  /** The person's full ID number while the referral is open (the liaison otherwise sees it masked); audited with the reason. */
  @Post('referrals/:id/id-number-reveals')
  @HttpCode(200)
  @Roles('DEPARTMENT_LIAISON', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR')
  @ApiOk(RevealedIdNumber)
  @ApiErrors(400, 404, 409)
  reveal(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: RevealDto,
    @RequestId() requestId: string,
  ) {
    return this.referrals.revealIdNumber(actor, id, body, requestId);
  }

  /** Per entitlement of a county (and category): persons owed, delivered, pending, declined, overdue. */
  @Get('assistance/coverage')
  @Roles(...READERS)
  @ApiOk(Coverage)
  @ApiErrors(400)
  coverage(@CurrentActor() actor: Actor, @Query() q: CoverageQueryDto) {
    return this.referrals.coverage(actor, q);
  }
}
