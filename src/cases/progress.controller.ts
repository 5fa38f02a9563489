import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { refuse } from '../common/refusals';
import type { ApplicationCategory } from '../core/contracts/application';
import { ReceiptCode } from '../core/contracts/complaint';
import { STAGE_NAMES_ZH, TERMINAL_STAGES, type DeterminationStage } from '../core/contracts/determination';
import { CATEGORY_NAMES_ZH } from '../core/contracts/household-facts';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { CaseRepository } from './case.repository';
import { maskName } from './publicity.controller';
import { receiptCodePipe } from '../common/receipt-code-pipe';

const TERMINAL = new Set<string>(TERMINAL_STAGES);

/**
 * 办件进度查询 without login: the applicant enters the code on the receipt slip given at
 * submission and sees the stage and the next due date, the applicant's surname only.
 */
@ApiTags('public')
@Controller('public/progress')
export class ProgressController {
  constructor(@Inject(CaseRepository) private readonly cases: CaseRepository) {}

  @Get(':receiptCode')
  @Public()
  @ApiOk(R.PublicProgress)
  @ApiErrors(404)
  async progress(@Param('receiptCode', { schema: ReceiptCode, pipes: [receiptCodePipe] }) code: string) {
    const row = await this.cases.byReceipt(code);
    if (!row) refuse('NOT_FOUND', '未找到该受理编号对应的申请，请核对回执上的编号');
    const head = row.household.members.find((m) => m.relation === 'HEAD') ?? row.household.members[0];
    const finished = TERMINAL.has(row.stage);
    return {
      category: CATEGORY_NAMES_ZH[row.category as ApplicationCategory] ?? row.category,
      stage: row.stage,
      stageName: STAGE_NAMES_ZH[row.stage as DeterminationStage] ?? row.stage,
      finished,
      nextDueAt: finished ? null : (row.stageDueAt?.toISOString() ?? null),
      applicant: head ? maskName(head.name) : null,
      submittedAt: row.createdAt.toISOString(),
    };
  }
}
