import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import { PrismaClient } from '../prisma/prisma-client';
import { writeCaseArchive } from './case-archive';
import { decisionSnapshot } from './decision-snapshot';
import { DocumentBody, DocumentList } from './document-body';
import { DocumentService } from './document.service';
import { FILERS, READERS } from './roles';
import { UPLOAD_BODY } from './upload-body';

/** A case's documents, for any kind of case (application, enrolled case, emergency, deliberation, warning): one id space. */
@ApiTags('archive')
@ApiBearerAuth()
@Controller('cases/:id')
export class CaseDocumentsController {
  constructor(
    @Inject(DocumentService) private readonly documents: DocumentService,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
  ) {}

  /** Streamed multipart upload: type by content, limits per file and per case, hash on the audit trail. */
  @Post('documents')
  @Roles(...FILERS)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOk(DocumentBody, { status: 201 })
  @ApiErrors(409, 413)
  upload(@CurrentActor() actor: Actor, @UuidPath() id: string, @Req() req: Request, @RequestId() requestId: string) {
    return this.documents.upload(actor, id, req, requestId);
  }

  @Get('documents')
  @Roles(...READERS)
  @ApiOk(DocumentList)
  list(@CurrentActor() actor: Actor, @UuidPath() id: string) {
    return this.documents.list(actor, id);
  }

  /** The whole case as a ZIP (streamed): documents, notices, decision.json and manifest.json. */
  @Get('archive')
  @Roles(...READERS)
  @ApiResponse({
    status: 200,
    description: 'ZIP 文件：全部材料、通知书、decision.json 与 manifest.json',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  async archive(@CurrentActor() actor: Actor, @UuidPath() id: string, @Res() res: Response) {
    const c = await this.documents.caseFor(actor, id);
    const rows = await this.documents.documentsOf(c);
    const decision = await decisionSnapshot(this.prisma, c);
    res.status(200);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="case-${id}.zip"`);
    try {
      await writeCaseArchive(res, c, rows, decision, (r) => this.documents.open(r));
    } catch {
      // Headers are gone: a broken ZIP must not look complete.
      res.destroy();
    }
  }
}
