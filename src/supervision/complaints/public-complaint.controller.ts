import { Body, Controller, Get, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { Public } from '../../auth/decorators';
import { FileComplaint, ReceiptCode } from '../../core/contracts/complaint';
import { ApiErrors, ApiOk } from '../../openapi/decorators';
import { ComplaintFiled, PublicComplaintStatus } from './complaint-responses';
import { ComplaintService } from './complaint.service';
import { clientOf } from '../../common/client';
import { ComplaintSubmissionLimit } from './submission-limits';
import { receiptCodePipe } from '../../common/receipt-code-pipe';

class FileComplaintDto extends createZodDto(FileComplaint) {}

/** 投诉举报 from anyone, without login (plan 三(三)): filed, then looked up by its receipt code. */
@ApiTags('public')
@Controller('public/complaints')
export class PublicComplaintController {
  constructor(@Inject(ComplaintService) private readonly complaints: ComplaintService) {}

  /** Anonymous allowed; a client filing too often is refused (429), the same content again within the window too (409). */
  @Post()
  @Public()
  @UseGuards(ComplaintSubmissionLimit)
  @ApiOk(ComplaintFiled, { status: 201 })
  @ApiErrors(429)
  async file(@Body() body: FileComplaintDto, @Req() req: { ip?: string }) {
    const { receiptCode } = await this.complaints.file(body, { channel: 'PUBLIC', client: clientOf(req) });
    return { receiptCode };
  }

  /** The stage and, once answered, the reply; nothing about the people involved. */
  @Get(':receiptCode')
  @Public()
  @ApiOk(PublicComplaintStatus)
  status(@Param('receiptCode', { schema: ReceiptCode, pipes: [receiptCodePipe] }) code: string) {
    return this.complaints.byReceipt(code);
  }
}
