import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, Roles } from '../auth/decorators';
import { ProjectionBody } from '../core/contracts/policy-projection';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { ProjectionService } from './projection.service';

class ProjectionDto extends createZodDto(ProjectionBody) {}

/** Time travel for policy staff: the dates an enrolled case's workflow will act on in the next years. */
@ApiTags('policy')
@ApiBearerAuth()
@Controller('policy/projections')
export class ProjectionController {
  constructor(@Inject(ProjectionService) private readonly projections: ProjectionService) {}

  // A computation, not a resource: nothing is stored, so 200.
  @Post()
  @HttpCode(200)
  @Roles('ADMINISTRATOR', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR')
  @ApiOk(R.PolicyProjection)
  @ApiErrors(400, 403, 404, 409)
  project(@CurrentActor() actor: Actor, @Body() body: ProjectionDto) {
    return this.projections.project(actor, body);
  }
}
