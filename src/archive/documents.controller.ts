import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { UuidPath } from '../common/uuid-param.pipe';
import type { Actor } from '../core/contracts/roles';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import { DocumentBody } from './document-body';
import { DocumentService } from './document.service';
import { FILERS, READERS } from './roles';
import { VERSION_BODY } from './upload-body';

/** One document: its content, and a newer version that supersedes it (a document is never changed or deleted). */
@ApiTags('archive')
@ApiBearerAuth()
@Controller('documents/:documentId')
export class DocumentsController {
  constructor(@Inject(DocumentService) private readonly documents: DocumentService) {}

  @Get()
  @Roles(...READERS)
  @ApiOk(DocumentBody)
  async get(@CurrentActor() actor: Actor, @UuidPath('documentId') documentId: string) {
    const row = await this.documents.document(actor, documentId);
    const list = await this.documents.list(actor, row.caseId);
    return list.items.find((d) => d.id === documentId) ?? list.items[0];
  }

  @Get('content')
  @Roles(...READERS)
  @ApiResponse({
    status: 200,
    description: '文件内容（解密后，按其 content-type）',
    content: Object.fromEntries(
      ['application/pdf', 'image/jpeg', 'image/png'].map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  async content(@CurrentActor() actor: Actor, @UuidPath('documentId') documentId: string, @Res() res: Response) {
    const row = await this.documents.document(actor, documentId);
    const body = await this.documents.open(row);
    res.status(200);
    res.setHeader('content-type', row.contentType);
    res.setHeader('content-length', row.size.toString());
    res.setHeader('x-content-sha256', row.hashAlgorithm === 'SHA-256' ? row.hash : '');
    res.setHeader(
      'content-disposition',
      `attachment; filename="${row.id}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
    );
    await pipeline(body, res).catch(() => res.destroy());
  }

  /** A newer version with a reason; the old one stays, marked as superseded. */
  @Post('versions')
  @Roles(...FILERS)
  @ApiConsumes('multipart/form-data')
  @ApiBody(VERSION_BODY)
  @ApiOk(DocumentBody, { status: 201 })
  @ApiErrors(409, 413)
  supersede(
    @CurrentActor() actor: Actor,
    @UuidPath('documentId') documentId: string,
    @Req() req: Request,
    @RequestId() requestId: string,
  ) {
    return this.documents.supersede(actor, documentId, req, requestId);
  }
}
