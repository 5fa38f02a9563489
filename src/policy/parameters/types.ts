// Parameter records: effective-dated, per division and area, with unit and legal source
// (OpenFisca-style "parameter with reference", architecture.md rule 7). Plain JSON data so
// the database can supply them later.
import type { AreaType } from '../../core/contracts/household-facts';
import type { IsoDate } from '../dates';
import type { Citation } from '../sources';

export type ParameterUnit =
  | 'YUAN_PER_PERSON_MONTH'
  | 'YUAN_PER_PERSON_YEAR'
  | 'YUAN'
  | 'RATIO'
  | 'YEARS'
  | 'MONTHS'
  | 'WORKING_DAYS'
  | 'NATURAL_DAYS'
  | 'MINUTES'
  | 'SQUARE_METRES_PER_PERSON'
  | 'MEGABYTES'
  | 'COUNT'
  | 'ENUM'
  | 'LIST'
  | 'TABLE';

export type ParameterValue = number | string | readonly string[] | readonly Record<string, string | number>[];

export interface ParameterVersion {
  id: string;
  /** Version label, unique per id (e.g. '2023' or '2024-07'). */
  version: string;
  /** First day in force (inclusive). */
  validFrom: IsoDate;
  /** First day no longer in force (exclusive); open-ended when absent. */
  validTo?: IsoDate;
  /** GB/T 2260 code: a county, or the city 410500 as the default for all its counties. */
  division: string;
  /** Area the value applies to; both when absent. */
  area?: AreaType;
  value: ParameterValue;
  unit: ParameterUnit;
  /** The legal sources, by registry id and article (src/policy/sources.ts); at least one. */
  citations: readonly Citation[];
  /** True when the figure is not from a public Anyang source and must be replaced. */
  placeholder?: boolean;
  note?: string;
  /**
   * For a yearly statistic (上年度…): the year the figure describes. In force in year Y it
   * should describe Y-1; an older figure is still used (a determination never fails for
   * want of it) but its reference is marked stale.
   */
  figureYear?: number;
}

/** What a decision records about a parameter it used. */
export interface ParameterRef {
  id: string;
  version: string;
  division: string;
  area?: AreaType;
  /** The citations as a person reads them (《title》（docNo）article), rendered from the registry. */
  source: string;
  citations: readonly Citation[];
  placeholder: boolean;
  /** Set when a yearly statistic older than the year before the date was used (its figure year). */
  stale?: { figureYear: number; expectedYear: number };
}

export interface LookupContext {
  date: IsoDate;
  county: string;
  area?: AreaType;
}

export interface Resolved<T extends ParameterValue = ParameterValue> {
  value: T;
  ref: ParameterRef;
  record: ParameterVersion;
}
