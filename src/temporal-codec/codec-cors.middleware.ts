import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config';

/**
 * The Temporal Web UI calls the codec endpoint from the browser, from its own origin:
 * only the configured origins (TEMPORAL_UI_ORIGIN) are let through, with the user's
 * bearer token (the UI's "pass access token") or cookies ("include credentials").
 */
@Injectable()
export class CodecCorsMiddleware implements NestMiddleware {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin && this.config.temporalUiOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    // A preflight carries no token: answered here, before the guard.
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  }
}
