import { temporalBinaryPath } from '../../src/dev/temporal-binary-path';

export const temporalBinary = temporalBinaryPath;

export const executable = (path: string | undefined) =>
  path ? ({ type: 'existing-path', path } as const) : ({ type: 'cached-download' } as const);
