import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { AdjustmentListQuery } from '../core/contracts/record-lists';
import { AdjustmentBody } from '../core/contracts/standard-adjustment';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { StandardAdjustmentService } from './standard-adjustment.service';

class AdjustmentDto extends createZodDto(AdjustmentBody) {}
class AdjustmentListQueryDto extends createZodDto(AdjustmentListQuery) {}

/** The yearly standard adjustment (调标): an approved version applied to every enrolled case in scope. */
@ApiTags('policy')
@ApiBearerAuth()
@Controller('policy/adjustments')
export class StandardAdjustmentController {
  constructor(@Inject(StandardAdjustmentService) private readonly adjustments: StandardAdjustmentService) {}

  @Post()
  @Roles('ADMINISTRATOR')
  @ApiOk(R.StandardAdjustment, { status: 201 })
  @ApiErrors(400, 422)
  start(@CurrentActor() actor: Actor, @Body() body: AdjustmentDto, @RequestId() requestId: string) {
    return this.adjustments.start(actor, body, requestId);
  }

  @Get()
  @Roles('ADMINISTRATOR')
  @ApiOk(R.StandardAdjustmentPage)
  list(@Query() q: AdjustmentListQueryDto) {
    return this.adjustments.list(q);
  }

  @Get(':id')
  @Roles('ADMINISTRATOR')
  @ApiOk(R.StandardAdjustment)
  @ApiErrors(404)
  get(@UuidPath() id: string) {
    return this.adjustments.get(id);
  }
}
