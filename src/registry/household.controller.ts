import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, NotForDepartmentLiaisons, RequestId, Roles } from '../auth/decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { RegisterHousehold } from '../contracts/household';
import type { Actor } from '../contracts/roles';
import { HouseholdService } from './household.service';

class RegisterHouseholdDto extends createZodDto(RegisterHousehold) {}

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/households')
export class HouseholdController {
  constructor(@Inject(HouseholdService) private readonly households: HouseholdService) {}

  @Post()
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER')
  register(@CurrentActor() actor: Actor, @Body() body: RegisterHouseholdDto, @RequestId() requestId: string) {
    return this.households.register(actor, body, requestId);
  }

  @Get(':id')
  @NotForDepartmentLiaisons()
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string) {
    return this.households.get(actor, id);
  }
}
