import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentActor, RequestId } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { TaskCompletionBody } from './task-actions';
import { TaskCompletionService } from './task-completion.service';

const completionBody = {
  schema: z.toJSONSchema(TaskCompletionBody, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
};

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TaskCompletionController {
  constructor(@Inject(TaskCompletionService) private readonly completion: TaskCompletionService) {}

  /**
   * Completes any task with the payload of its step: a determination action (accept,
   * recordHomeVisit, confirm…), a recheck action, a payment-failure resolution, an emergency
   * or 一事一议 action, or an escalation decision. A body that does not fit the task is 422.
   */
  @Post(':id/complete')
  @HttpCode(200)
  @ApiBody(completionBody)
  @ApiOk(R.ProcessState)
  @ApiErrors(422)
  complete(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: unknown,
    @RequestId() requestId: string,
  ) {
    return this.completion.complete(actor, id, body, requestId);
  }
}
