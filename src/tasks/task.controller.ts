import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { ReassignTask, TaskInboxQuery } from './task.dto';
import { TaskService } from './task.service';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { ApiOkOrXlsx } from '../export/api-xlsx';
import { listWorkbook } from '../export/list-workbook';
import { TASK_EXPORT_COLUMNS } from '../export/task-export';

class TaskInboxQueryDto extends createZodDto(TaskInboxQuery) {}
class ReassignTaskDto extends createZodDto(ReassignTask) {}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TaskController {
  constructor(@Inject(TaskService) private readonly tasks: TaskService) {}

  @Get()
  @ApiOkOrXlsx(R.TaskPage, '待办事项')
  inbox(@CurrentActor() actor: Actor, @Query() query: TaskInboxQueryDto) {
    if (query.format === 'xlsx')
      return listWorkbook(
        { sheet: '待办事项', filename: 'tasks.xlsx', columns: TASK_EXPORT_COLUMNS },
        (page, pageSize) => this.tasks.inbox(actor, { ...query, page, pageSize }),
      );
    return this.tasks.inbox(actor, query);
  }

  @Get(':id')
  @ApiOk(R.Task)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.tasks.get(actor, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOk(R.Task)
  claim(@CurrentActor() actor: Actor, @UuidPath() id: string, @RequestId() requestId: string) {
    return this.tasks.claim(actor, id, requestId);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOk(R.Task)
  unclaim(@CurrentActor() actor: Actor, @UuidPath() id: string, @RequestId() requestId: string) {
    return this.tasks.unclaim(actor, id, requestId);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles('COUNTY_SUPERVISOR')
  @ApiOk(R.Task)
  @ApiErrors(422)
  reassign(
    @CurrentActor() actor: Actor,
    @UuidPath() id: string,
    @Body() body: ReassignTaskDto,
    @RequestId() requestId: string,
  ) {
    return this.tasks.reassign(actor, id, body, requestId);
  }
}
