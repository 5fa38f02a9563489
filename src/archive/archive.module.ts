import { Module } from '@nestjs/common';
import { CaseDocumentsController } from './case-documents.controller';
import { DocumentService } from './document.service';
import { DocumentsController } from './documents.controller';
import { archiveStoreProvider } from './store/store.provider';

/** The case archive (plan 二(二)): materials, forms and notices kept as electronic records. */
@Module({
  controllers: [CaseDocumentsController, DocumentsController],
  providers: [DocumentService, archiveStoreProvider],
  exports: [DocumentService],
})
export class ArchiveModule {}
