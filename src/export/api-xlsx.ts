import { ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { zodToOpenApi } from '../openapi/json-schema';
import { XLSX_MEDIA_TYPE } from './list-workbook';

/** A list's success body: JSON, or with `?format=xlsx` the same rows as an Excel workbook. */
export function ApiOkOrXlsx(schema: z.ZodType, description: string) {
  return ApiResponse({
    status: 200,
    description: `${description}（JSON；?format=xlsx 下载 Excel）`,
    content: {
      'application/json': { schema: zodToOpenApi(schema, 'output').schema },
      [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
    },
  });
}
