import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { DomainError } from '../common/domain-error';
import { ANYANG_COUNTY_CODES, AREA_TYPES, HouseholdFacts, IsoDate } from '../core/contracts/household-facts';
import { APP_CONFIG, type AppConfig } from '../config/config';
import {
  defaultParameterStore,
  drillParameterStore,
  evaluateHousehold,
  PolicyInputError,
  sourceNameZh,
  type ParameterStore,
} from '../policy';
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
  /** The set the worker uses: in drill mode, the shortened limits are what a person sees listed. */
  private readonly parameters: ParameterStore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.parameters = config.SAFETYNET_DRILL ? drillParameterStore() : defaultParameterStore();
  }

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
  list(@Query() query: ParametersQuery) {
    return policyCall(() => ({ date: query.date, county: query.county, parameters: this.parameters.inForce(query) }));
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
