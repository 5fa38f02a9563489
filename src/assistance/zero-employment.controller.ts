import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, Roles } from '../auth/decorators';
import { ZeroEmploymentQuery } from '../core/contracts/employment';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import { ZeroEmploymentPage } from './referral-responses';
import { ZeroEmploymentService } from './zero-employment.service';

class ZeroEmploymentQueryDto extends createZodDto(ZeroEmploymentQuery) {}

@ApiTags('assistance')
@ApiBearerAuth()
@Controller('assistance')
export class ZeroEmploymentController {
  constructor(@Inject(ZeroEmploymentService) private readonly register: ZeroEmploymentService) {}

  /** The county's 零就业家庭 (plan 二(四)5): county staff, auditors, the human-resources liaison of the county. */
  @Get('zero-employment')
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR', 'DEPARTMENT_LIAISON')
  @ApiOk(ZeroEmploymentPage)
  @ApiErrors(400)
  list(@CurrentActor() actor: Actor, @Query() q: ZeroEmploymentQueryDto) {
    return this.register.list(actor, q);
  }
}
