import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { PROJECT_ROOT } from '../dev/data-dir';

/** Where `npm run build:console` writes the staff console (Vite, from console/). */
export const CONSOLE_DIR = join(PROJECT_ROOT, 'dist', 'console');

/** Paths that are never a console page: the API's own (a miss there is its JSON 404) and the assets (a stale name is a 404, not HTML). */
const NOT_PAGES = /^\/(api|docs|health|assets)(\/|$)/;

/**
 * Serves the built console at `/`: its hashed assets cached for a year, and index.html for
 * any other page the browser asks for (the console's own routes such as /tasks/…), so a
 * reload or a bookmarked link opens the same screen. Nothing when the console is not built.
 */
export function serveConsole(app: NestExpressApplication, dir = CONSOLE_DIR): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_PAGES.test(req.path) || !req.accepts('html'))
      return next();
    // A new build replaces the asset names: the page itself is always asked for again.
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
