import type { SwaggerDocumentOptions } from '@nestjs/swagger';
import { z } from 'zod';

type Json = Record<string, unknown>;

/**
 * A zod schema as OpenAPI 3.1 (JSON Schema 2020-12): the document declares 3.1, so
 * null is `type: 'null'` and exclusive bounds are numbers. Named sub-schemas ($defs)
 * become components.
 */
export function zodToOpenApi(
  schema: z.ZodType,
  io: 'input' | 'output',
): { schema: Json; components: Record<string, Json> } {
  const { $defs, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
  delete rest.$schema; // the document's dialect says it
  return { schema: rest, components: ($defs ?? {}) as Record<string, Json> };
}

/** For SwaggerModule: zod schemas given to @Param({ schema }), @ApiResponse({ standardSchema }). */
export const standardSchemaConverter: NonNullable<SwaggerDocumentOptions['standardSchemaConverter']> = (
  schema,
  { schemaType },
) => (schema instanceof z.ZodType ? zodToOpenApi(schema, schemaType) : undefined);
