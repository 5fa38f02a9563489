import type { FileEncoding } from '../core/contracts/data-source';
import { DataFileRefusal } from './file-refusal';
import type { Sniff } from './file-sniff';

/**
 * The encoding a CSV is read in. GB18030 decodes almost any bytes, so reading a UTF-8 file
 * as GB18030 (or the reverse, with replacement) would stage garbled names without an error:
 * a declaration that contradicts the bytes refuses the file instead.
 */
export function csvEncoding(declared: FileEncoding, sniff: Sniff): 'utf-8' | 'gb18030' {
  if (declared === 'UTF-8') {
    if (!sniff.validUtf8)
      throw new DataFileRefusal(
        'DATA_FILE_ENCODING',
        '文件声明为 UTF-8，但内容不是有效的 UTF-8（常见于 WPS、Excel 导出的 GB18030/GBK 文件）：请将编码选为 GB18030，或将文件另存为 UTF-8 后重新上传',
      );
    return 'utf-8';
  }
  if (declared === 'GB18030') {
    if (sniff.utf8Bom || (sniff.validUtf8 && sniff.nonAscii))
      throw new DataFileRefusal(
        'DATA_FILE_ENCODING',
        '文件声明为 GB18030，但内容是 UTF-8 编码：请将编码选为 UTF-8（或自动识别）后重新上传',
      );
    return 'gb18030';
  }
  return sniff.utf8Bom || sniff.validUtf8 ? 'utf-8' : 'gb18030';
}
