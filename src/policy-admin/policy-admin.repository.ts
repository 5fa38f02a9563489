import { Inject, Injectable } from '@nestjs/common';
import { type Prisma, PrismaClient } from '../prisma/prisma-client';

type Tx = Prisma.TransactionClient;

/** Reads and the first writes of proposals and simulations (their workflows' activities write the rest). */
@Injectable()
export class PolicyAdminRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  createProposal(tx: Tx, data: Prisma.ParameterProposalUncheckedCreateInput) {
    return tx.parameterProposal.create({ data, select: { id: true } });
  }

  proposal(id: string) {
    return this.prisma.parameterProposal.findUnique({ where: { id } });
  }

  proposals(where: Prisma.ParameterProposalWhereInput) {
    return this.prisma.parameterProposal.findMany({ where, orderBy: { proposedAt: 'asc' } });
  }

  versionsOf(parameterId: string) {
    return this.prisma.parameterVersion.findMany({
      where: { parameterId },
      orderBy: [{ division: 'asc' }, { area: 'asc' }, { validFrom: 'asc' }],
    });
  }

  createSimulation(tx: Tx, data: Prisma.PolicySimulationUncheckedCreateInput) {
    return tx.policySimulation.create({ data, select: { id: true } });
  }

  simulation(id: string) {
    return this.prisma.policySimulation.findUnique({ where: { id } });
  }

  /** Past runs, newest first, without their per-county summaries (the detail has them). */
  simulationPage(where: Prisma.PolicySimulationWhereInput, skip: number, take: number) {
    return Promise.all([
      this.prisma.policySimulation.findMany({
        where,
        omit: { summary: true },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip,
        take,
      }),
      this.prisma.policySimulation.count({ where }),
    ]);
  }

  simulationCases(where: Prisma.PolicySimulationCaseWhereInput, skip: number, take: number) {
    return Promise.all([
      this.prisma.policySimulationCase.findMany({
        where,
        orderBy: [{ change: 'asc' }, { countyCode: 'asc' }, { caseId: 'asc' }],
        skip,
        take,
      }),
      this.prisma.policySimulationCase.count({ where }),
    ]);
  }
}
