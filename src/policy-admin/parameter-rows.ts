// Parameter versions as rows of parameter_version and back, and the deciding documents as
// legal sources beside the code registry. One place for the mapping, used by the live store,
// the seeding and the approval.
import { createHash } from 'node:crypto';
import type { AreaType } from '../core/contracts/household-facts';
import type { DecidingDocument } from '../core/contracts/parameter-change';
import type { Citation, LegalSource, ParameterUnit, ParameterValue, ParameterVersion } from '../policy';
import type { Prisma } from '../prisma/prisma-client';

export interface ParameterRow {
  parameterId: string;
  version: string;
  division: string;
  area: string;
  validFrom: string;
  validTo: string | null;
  value: Prisma.JsonValue;
  unit: string;
  citations: Prisma.JsonValue;
  placeholder: boolean;
  note: string | null;
  figureYear: number | null;
  origin: string;
}

export function versionOfRow(r: ParameterRow): ParameterVersion {
  const v: ParameterVersion = {
    id: r.parameterId,
    version: r.version,
    division: r.division,
    validFrom: r.validFrom,
    value: r.value as ParameterValue,
    unit: r.unit as ParameterUnit,
    citations: r.citations as unknown as Citation[],
  };
  if (r.area !== '') v.area = r.area as AreaType;
  if (r.validTo !== null) v.validTo = r.validTo;
  if (r.placeholder) v.placeholder = true;
  if (r.note !== null) v.note = r.note;
  if (r.figureYear !== null) v.figureYear = r.figureYear;
  return v;
}

/** The row of a shipped version (its key is the line and version label; the row id is new). */
export function shippedRow(v: ParameterVersion): Omit<ParameterRow, 'value' | 'citations'> & {
  value: Prisma.InputJsonValue;
  citations: Prisma.InputJsonValue;
} {
  return {
    parameterId: v.id,
    version: v.version,
    division: v.division,
    area: v.area ?? '',
    validFrom: v.validFrom,
    validTo: v.validTo ?? null,
    value: v.value as Prisma.InputJsonValue,
    unit: v.unit,
    citations: v.citations as unknown as Prisma.InputJsonValue,
    placeholder: v.placeholder === true,
    note: v.note ?? null,
    figureYear: v.figureYear ?? null,
    origin: 'SHIPPED',
  };
}

/** A deciding document's registry id: stable per document number, so two proposals citing it share one source. */
export const documentSourceId = (docNo: string): string =>
  `DOC_${createHash('sha256').update(docNo).digest('hex').slice(0, 16)}`;

export function sourceOfDocument(d: {
  id: string;
  docNo: string;
  title: string;
  issuer: string | null;
  issuedOn: string;
}): LegalSource {
  return {
    id: d.id,
    title: d.title,
    docNo: d.docNo,
    issuer: d.issuer,
    year: Number(d.issuedOn.slice(0, 4)),
    kind: 'DOCUMENT',
    placeholder: false,
    note: `发布日期 ${d.issuedOn}（参数调整时录入）`,
  };
}

/** The citations an approved version carries: the deciding document first, then the registry's. */
export function citationsOf(
  document: DecidingDocument,
  article: string | undefined,
  more: readonly Citation[],
): Citation[] {
  const first: Citation = { sourceId: documentSourceId(document.docNo), ...(article !== undefined ? { article } : {}) };
  return [first, ...more];
}
