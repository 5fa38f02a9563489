import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, RequestId, Roles } from '../../auth/decorators';
import { PopulationQuery, RevealIdNumber } from '../../core/contracts/population';
import type { Actor } from '../../core/contracts/roles';
import { ApiOk } from '../../openapi/decorators';
import { PopulationService } from './population.service';

class PopulationQueryDto extends createZodDto(PopulationQuery) {}
class RevealDto extends createZodDto(RevealIdNumber) {}

const PopulationPage = z.looseObject({
  items: z.array(
    z.looseObject({
      memberId: z.guid().nullable(),
      householdId: z.guid().nullable(),
      name: z.string(),
      idNumberMasked: z.string(),
      category: z.string(),
      categoryName: z.string(),
      subtype: z.string().nullable(),
      origin: z.string(),
      originName: z.string(),
      countyCode: z.string(),
      since: z.iso.date().nullable(),
      enrolledCaseId: z.guid().nullable(),
      /** A recorded person's record (its history: GET /population/records/{id} for one in no category). */
      recordId: z.guid().nullable(),
    }),
  ),
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
});
const Revealed = z.looseObject({ memberId: z.guid(), idNumber: z.string() });

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('population')
export class PopulationController {
  constructor(@Inject(PopulationService) private readonly population: PopulationService) {}

  /** The low-income population database within the caller's jurisdiction (masked ID numbers only). */
  @Get()
  @Roles('VILLAGE_ASSISTANT', 'TOWNSHIP_CASEWORKER', 'COUNTY_OFFICER', 'COUNTY_SUPERVISOR', 'AUDITOR')
  @ApiOk(PopulationPage)
  search(@CurrentActor() actor: Actor, @Query() q: PopulationQueryDto) {
    return this.population.search(actor, q);
  }

  /** One registered member's ID number in clear; the reason is audited. */
  @Post('id-number-reveals')
  @HttpCode(200)
  @Roles('COUNTY_OFFICER', 'COUNTY_SUPERVISOR')
  @ApiOk(Revealed)
  reveal(@CurrentActor() actor: Actor, @Body() body: RevealDto, @RequestId() requestId: string) {
    return this.population.reveal(actor, body, requestId);
  }
}
