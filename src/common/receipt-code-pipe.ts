import type { PipeTransform } from '@nestjs/common';
import { ReceiptCode } from '../core/contracts/complaint';
import { refuse } from './refusals';

/** A receipt code (受理编号) in the path, refused by field when malformed: the public lookups' one check. */
export const receiptCodePipe: PipeTransform<string, string> = {
  transform(value: string) {
    if (!ReceiptCode.safeParse(value).success)
      refuse('VALIDATION_FAILED', '请求内容校验未通过', [
        { path: 'param.receiptCode', code: 'invalid_format', message: '受理编号须为 12 位字母或数字' },
      ]);
    return value;
  },
};
