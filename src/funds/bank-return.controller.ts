import { Body, Controller, Inject, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { CurrentActor, RequestId, Roles } from '../auth/decorators';
import { FileEncoding } from '../core/contracts/data-source';
import { BankReturnUpload } from '../core/contracts/funds';
import type { Actor } from '../core/contracts/roles';
import { TooLargeInterceptor } from '../monitoring/too-large.interceptor';
import { ApiErrors, ApiOk } from '../openapi/decorators';
import { BankReturnService, type UploadedBankFile } from './bank-return.service';
import { BankReturnBody } from './fund-responses';

class BankReturnUploadDto extends createZodDto(BankReturnUpload) {}

/** The bank's return file for a county's month (资金发放回盘): every instruction's answer at once. */
@ApiTags('enrolled-cases')
@ApiBearerAuth()
@Controller('payments/bank-returns')
export class BankReturnController {
  constructor(@Inject(BankReturnService) private readonly returns: BankReturnService) {}

  /** 201 with the file's result; 200 with the first result when the same file was applied before. */
  @Post()
  @Roles('COUNTY_OFFICER')
  @UseInterceptors(TooLargeInterceptor, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['county', 'month', 'file'],
      properties: {
        county: { type: 'string', pattern: '^\\d{6}$' },
        month: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
        encoding: { type: 'string', enum: [...FileEncoding.options], default: 'AUTO' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOk(BankReturnBody, { status: 201 })
  @ApiOk(BankReturnBody, { description: '同一文件已登记过：返回第一次的结果，不重复登记' })
  @ApiErrors(422)
  async upload(
    @CurrentActor() actor: Actor,
    @Body() body: BankReturnUploadDto,
    @UploadedFile() file: UploadedBankFile | undefined,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.returns.upload(actor, body, file, requestId);
    res.status(result.duplicate ? 200 : 201);
    return result;
  }
}
