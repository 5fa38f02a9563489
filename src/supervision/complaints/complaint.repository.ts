import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../../audit/audit-log';
import { type Prisma, PrismaClient } from '../../prisma/prisma-client';

type NewComplaint = Omit<Prisma.ComplaintUncheckedCreateInput, 'events'>;

/** Complaint rows: created here with their first event and audit row; later steps are written by the workflow's activities. */
@Injectable()
export class ComplaintRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  countyExists(code: string) {
    return this.prisma.division.count({ where: { code, level: 'COUNTY' } }).then((n) => n > 0);
  }

  /** The enrolled case a case id names (its own id or its application's), with its county. */
  enrolledCaseOf(ref: string) {
    return this.prisma.enrolledCase.findFirst({
      where: { OR: [{ id: ref }, { applicationId: ref }] },
      select: { id: true, countyCode: true },
    });
  }

  repeated(hash: string, since: Date) {
    return this.prisma.complaint.count({ where: { submissionHash: hash, registeredAt: { gte: since } } });
  }

  register(row: NewComplaint, audit: { actorId: string; role: string; requestId: string | null }) {
    return this.prisma.$transaction(async (tx) => {
      await tx.complaint.create({ data: row });
      await tx.complaintEvent.create({
        data: {
          complaintId: row.id!,
          eventKey: 'REGISTERED',
          type: 'REGISTERED',
          stage: 'REGISTERED',
          actor: row.recordedBy ?? null,
          reason: row.channel === 'HOTLINE' ? '热线电话登记' : '网上投诉举报',
          at: row.registeredAt as Date,
        },
      });
      await appendAudit(tx, {
        ...audit,
        action: 'COMPLAINT_REGISTERED',
        targetType: 'Complaint',
        targetId: row.id!,
        requestId: audit.requestId,
        details: { channel: row.channel, subject: row.subject, countyCode: row.countyCode, anonymous: row.anonymous },
      });
    });
  }

  byReceipt(hash: string) {
    return this.prisma.complaint.findUnique({ where: { receiptHash: hash } });
  }

  complaint(id: string) {
    return this.prisma.complaint.findUnique({ where: { id } });
  }

  page(where: Prisma.ComplaintWhereInput, skip: number, take: number) {
    return Promise.all([
      this.prisma.complaint.findMany({ where, orderBy: [{ registeredAt: 'desc' }, { id: 'asc' }], skip, take }),
      this.prisma.complaint.count({ where }),
    ]);
  }

  timeline(complaintId: string) {
    return this.prisma.complaintEvent.findMany({ where: { complaintId }, orderBy: { id: 'asc' } });
  }
}
