import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, NotForDepartmentLiaisons, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import { RegisterHousehold } from '../core/contracts/household';
import type { Actor } from '../core/contracts/roles';
import { HouseholdService } from './household.service';
import { ApiErrors, ApiOk, linkById } from '../openapi/decorators';
import * as R from '../openapi/responses';

class RegisterHouseholdDto extends createZodDto(RegisterHousehold) {}

@ApiTags('registry')
@ApiBearerAuth()
@Controller('households')
export class HouseholdController {
  constructor(@Inject(HouseholdService) private readonly households: HouseholdService) {}

  @Post()
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER')
  @ApiOk(R.Household, { status: 201, links: { GetHousehold: linkById('HouseholdController_get') } })
  @ApiErrors(422)
  register(@CurrentActor() actor: Actor, @Body() body: RegisterHouseholdDto, @RequestId() requestId: string) {
    return this.households.register(actor, body, requestId);
  }

  @Get(':id')
  @NotForDepartmentLiaisons()
  @ApiOk(R.Household)
  get(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.households.get(actor, id);
  }
}
