import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../prisma/prisma-client';
import type { ArchivedCase } from './case-lookup';
import type { DocumentRow } from './document-body';

/** The archive's reads of case_document (writes go through recordDocument, with their audit row). */
@Injectable()
export class DocumentRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  find(id: string): Promise<DocumentRow | null> {
    return this.prisma.caseDocument.findUnique({ where: { id } });
  }

  /** The case's documents, oldest first; an enrolled case shows its application's notices too. */
  ofCase(c: ArchivedCase): Promise<DocumentRow[]> {
    const owners =
      c.kind === 'ENROLLED_CASE' && c.applicationId
        ? [{ caseId: c.id }, { caseId: c.applicationId, type: 'NOTICE' }]
        : [{ caseId: c.id }];
    return this.prisma.caseDocument.findMany({
      where: { OR: owners },
      orderBy: [{ uploadedAt: 'asc' }, { id: 'asc' }],
    });
  }

  async typesOf(caseId: string): Promise<string[]> {
    const rows = await this.prisma.caseDocument.findMany({ where: { caseId }, select: { type: true } });
    return rows.map((r) => r.type);
  }

  /** Bytes already archived on the case (every version counts: nothing is ever deleted). */
  async bytesOf(caseId: string): Promise<number> {
    const used = await this.prisma.caseDocument.aggregate({ where: { caseId }, _sum: { size: true } });
    return Number(used._sum.size ?? 0n);
  }

  async isMember(householdId: string, memberId: string): Promise<boolean> {
    return (await this.prisma.member.count({ where: { id: memberId, householdId } })) > 0;
  }
}
