import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { AppModule } from './app.module';
import type { AppConfig } from './config/config';

/** Builds the HTTP application; shared by main.ts and the e2e tests. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  z.config(z.locales.zhCN()); // field messages in Simplified Chinese
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true, bodyParser: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('SafetyNet 安阳市低收入人口动态监测和常态化救助帮扶')
      .setDescription('办理流程（Temporal 工作流）、家庭登记、审计接口')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, cleanupOpenApiDoc(doc), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
