import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { DomainError } from '../common/domain-error';
import { ANYANG_COUNTY_CODES, AREA_TYPES, HouseholdFacts, IsoDate } from '../core/contracts/household-facts';
import { evaluateHousehold, PolicyInputError, sourceNameZh } from '../policy';
import { LiveParameterStore } from '../policy-admin/live-parameter-store';
import { ParameterAdminService } from '../policy-admin/parameter-admin.service';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';

class HouseholdFactsDto extends createZodDto(HouseholdFacts) {}
class ParametersQuery extends createZodDto(
  z.strictObject({ date: IsoDate, county: z.enum(ANYANG_COUNTY_CODES), area: z.enum(AREA_TYPES).optional() }),
) {}

/** The pure policy engine over HTTP: any authenticated staff member may ask it. */
@ApiTags('policy')
@ApiBearerAuth()
@Controller('policy')
export class PolicyController {
  /** The set the worker uses (from the database; in drill mode with the shortened limits layered in). */
  constructor(
    @Inject(LiveParameterStore) private readonly parameters: LiveParameterStore,
    @Inject(ParameterAdminService) private readonly admin: ParameterAdminService,
  ) {}

  @Post('evaluate')
  @HttpCode(200)
  @ApiOk(R.PolicyEvaluation)
  @ApiErrors(422)
  evaluate(@Body() facts: HouseholdFactsDto) {
    return policyCall(() => evaluateHousehold(facts, this.parameters));
  }

  @Get('parameters')
  @ApiOk(R.PolicyParameters)
  @ApiErrors(422)
  async list(@Query() query: ParametersQuery) {
    const pending = await this.admin.pending(query.county);
    return policyCall(() => ({
      date: query.date,
      county: query.county,
      parameters: this.parameters.inForce(query),
      pending,
    }));
  }

  /** The legal-source registry the parameters and reasons cite by id. */
  @Get('sources')
  @ApiOk(R.PolicySources)
  sources() {
    return { sources: this.parameters.legalSources().map((s) => ({ ...s, name: sourceNameZh(s) })) };
  }
}

/** Facts the engine cannot decide on (e.g. a date outside every parameter version) are a 422 naming the field. */
function policyCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof PolicyInputError) {
      throw new DomainError(422, error.code, error.message, [
        { path: error.path.join('.') || '(body)', code: error.code, message: error.message },
      ]);
    }
    throw error;
  }
}
