import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { z } from 'zod';
import { AppModule } from './app.module';
import { useAuditSuite } from './audit/audit-log';
import type { AppConfig } from './config/config';
import { buildOpenApiDocument } from './openapi/document';
import { serveConsole } from './console/console-static';

export const API_PREFIX = 'api/v1';

/** Builds the HTTP application; shared by main.ts and the e2e tests. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  z.config(z.locales.zhCN()); // field messages in Simplified Chinese
  useAuditSuite(config.CRYPTO_SUITE);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  // The request id comes first, so even a body the JSON parser rejects is answered with one.
  app.use(assignRequestId);
  app.useBodyParser('json', { limit: '1mb' });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // Every route is a resource under /api/v1 but the health probe (load balancers know it as /health);
  // the OpenAPI UI and document are mounted by Swagger outside Nest's router, at /docs.
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
  // The staff console at / (its own client routes included); /api/v1, /docs and /health stay the API's.
  serveConsole(app);
  return app;
}

/** The caller's X-Request-Id when well-formed, else a new one; echoed on the response. */
function assignRequestId(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  req.id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
}
