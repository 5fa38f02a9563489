import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { finishDocument } from './finish-document';
import { standardSchemaConverter } from './json-schema';

/** /docs/openapi.json: OpenAPI 3.1, as zod 4 writes JSON Schema (2020-12). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('SafetyNet 安阳市低收入人口动态监测和常态化救助帮扶')
      .setDescription('办理流程（Temporal 工作流）、家庭登记、审计接口')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { standardSchemaConverter },
  );
  return finishDocument(cleanupOpenApiDoc(doc, { version: '3.1' }));
}
