import { Module } from '@nestjs/common';
import { CaseDocumentsController } from './case-documents.controller';
import { DocumentRepository } from './document.repository';
import { DocumentService } from './document.service';
import { DocumentsController } from './documents.controller';
import { archiveStoreProvider } from './store/store.provider';

/** The case archive (plan 二(二)): materials, forms and notices kept as electronic records. */
@Module({
  controllers: [CaseDocumentsController, DocumentsController],
  providers: [DocumentService, DocumentRepository, archiveStoreProvider],
  exports: [DocumentService],
})
export class ArchiveModule {}
