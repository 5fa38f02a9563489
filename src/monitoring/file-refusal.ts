import type { RefusalCode } from '../core/refusals';

/** Where in the file and what: the row and column name a person looks up in the file. */
export interface Problem {
  row: number | null;
  column: string | null;
  code: RefusalCode;
  message: string;
}

/** The whole file is refused (wrong encoding, header, formulas…): nothing of it is staged. */
export class DataFileRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}
