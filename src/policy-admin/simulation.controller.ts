import { Body, Controller, Get, HttpCode, Inject, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import { SimulationBody } from '../core/contracts/policy-simulation';
import { SimulationListQuery } from '../core/contracts/record-lists';
import type { Actor } from '../core/contracts/roles';
import { ApiOkOrXlsx } from '../export/api-xlsx';
import { listWorkbook } from '../export/list-workbook';
import { SIMULATION_EXPORT_COLUMNS } from '../export/record-exports';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import * as R from '../openapi/responses';
import { SimulationService } from './simulation.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

class SimulationDto extends createZodDto(SimulationBody) {}
class SimulationListQueryDto extends createZodDto(SimulationListQuery) {}
class CasesQuery extends createZodDto(
  z.strictObject({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
    change: z
      .enum(['NEWLY_ELIGIBLE', 'NO_LONGER_ELIGIBLE', 'AMOUNT_UP', 'AMOUNT_DOWN', 'UNCHANGED', 'NOT_EVALUATED'])
      .optional(),
  }),
) {}

/** What-if over the registry: draft parameter versions run over the cases in scope; read only. */
@ApiTags('policy')
@ApiBearerAuth()
@Controller('policy/simulations')
export class SimulationController {
  constructor(@Inject(SimulationService) private readonly simulations: SimulationService) {}

  @Post()
  @Roles('ADMINISTRATOR')
  @ApiOk(R.PolicySimulation, { status: 201 })
  @ApiErrors(400, 422)
  start(@CurrentActor() actor: Actor, @Body() body: SimulationDto, @RequestId() requestId: string) {
    return this.simulations.start(actor, body, requestId);
  }

  @Get()
  @Roles('ADMINISTRATOR')
  @ApiOkOrXlsx(R.PolicySimulationPage, '政策模拟记录')
  list(@Query() q: SimulationListQueryDto) {
    if (q.format === 'xlsx')
      return listWorkbook(
        { sheet: '政策模拟记录', filename: 'policy-simulations.xlsx', columns: SIMULATION_EXPORT_COLUMNS },
        (page, pageSize) => this.simulations.list({ ...q, page, pageSize }),
      );
    return this.simulations.list(q);
  }

  @Get(':id')
  @Roles('ADMINISTRATOR')
  @ApiOk(R.PolicySimulation)
  @ApiErrors(404)
  get(@UuidPath() id: string) {
    return this.simulations.get(id);
  }

  @Get(':id/cases')
  @Roles('ADMINISTRATOR')
  @ApiOk(R.PolicySimulationCases)
  @ApiErrors(404)
  cases(@UuidPath() id: string, @Query() q: CasesQuery) {
    return this.simulations.cases(id, q.page, q.pageSize, q.change);
  }

  /** One row per case (XLSX), for the bureau's own analysis. */
  @Get(':id/workbook')
  @Roles('ADMINISTRATOR')
  @ApiResponse({
    status: 200,
    description: '测算结果（XLSX，每个案件一行）',
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(404)
  async workbook(@UuidPath() id: string) {
    await this.simulations.get(id);
    return new StreamableFile(this.simulations.workbook(id), {
      type: XLSX,
      disposition: `attachment; filename="simulation-${id}.xlsx"`,
    });
  }

  @Post(':id/cancellation')
  @HttpCode(200)
  @Roles('ADMINISTRATOR')
  @ApiOk(R.PolicySimulation)
  @ApiErrors(404, 409)
  cancel(@CurrentActor() actor: Actor, @UuidPath() id: string, @RequestId() requestId: string) {
    return this.simulations.cancel(actor, id, requestId);
  }
}
