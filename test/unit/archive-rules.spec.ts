import { archiveRules, retainUntil } from '../../src/archive/archive-rules';
import { fileNameProblem } from '../../src/archive/file-name';
import { contentTypeOf, contentTypeOfName } from '../../src/archive/magic-bytes';
import { missingDocuments } from '../../src/archive/required-documents';
import { addYears } from '../../src/archive/years';
import { cite } from '../../src/policy/sources';
import { DEFAULT_PARAMETERS, defaultParameterStore, PARAMETER_IDS, ParameterStore } from '../../src/policy';

describe('archive rules (parameters with sources)', () => {
  it('ships PDF and images, 20 MB a file, 500 MB a case, 30 years, no required documents, each with its legal source', () => {
    const r = archiveRules(defaultParameterStore(), '410502', '2026-12-06');
    expect(r).toMatchObject({
      contentTypes: ['application/pdf', 'image/jpeg', 'image/png'],
      fileMaxMb: 20,
      caseMaxMb: 500,
      retentionYears: 30,
      required: [],
    });
    expect(r.refs.map((ref) => ref.id)).toEqual([
      PARAMETER_IDS.ARCHIVE_CONTENT_TYPES,
      PARAMETER_IDS.ARCHIVE_FILE_MAX_MB,
      PARAMETER_IDS.ARCHIVE_CASE_MAX_MB,
      PARAMETER_IDS.ARCHIVE_RETENTION_YEARS,
      PARAMETER_IDS.ARCHIVE_REQUIRED_DOCUMENTS,
    ]);
    for (const ref of r.refs) expect(ref.source).toContain('安政办〔2024〕1号');
    expect(retainUntil('2026-12-06', r)).toBe('2056-12-06');
  });

  it('a county that requires the signed home-visit form before the review: the step lacks it until it is filed', () => {
    const store = new ParameterStore([
      ...DEFAULT_PARAMETERS,
      {
        id: PARAMETER_IDS.ARCHIVE_REQUIRED_DOCUMENTS,
        version: 'test',
        validFrom: '2026-01-01',
        division: '410502',
        value: [
          { step: 'REVIEW', type: 'HOME_VISIT_FORM' },
          { step: 'REVIEW', type: 'ID_CARD' },
        ],
        unit: 'TABLE',
        citations: [cite.localDefault('测试：评审前须有入户调查表')],
      },
    ]);
    const { required } = archiveRules(store, '410502', '2026-12-06');
    expect(missingDocuments(required, 'REVIEW', [])).toEqual(['HOME_VISIT_FORM', 'ID_CARD']);
    expect(missingDocuments(required, 'REVIEW', ['ID_CARD', 'OTHER'])).toEqual(['HOME_VISIT_FORM']);
    expect(missingDocuments(required, 'REVIEW', ['ID_CARD', 'HOME_VISIT_FORM'])).toEqual([]);
    expect(missingDocuments(required, 'ACCEPT', [])).toEqual([]);
    // Another county keeps the shipped (empty) list.
    expect(archiveRules(store, '410503', '2026-12-06').required).toEqual([]);
  });

  it('adds years to a date, 29 February falling back in a common year', () => {
    expect(addYears('2024-02-29', 30)).toBe('2054-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('checks at the door', () => {
  it('tells PDF, JPEG and PNG by their first bytes, and nothing else', () => {
    expect(contentTypeOf(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(contentTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe1]))).toBe('image/jpeg');
    expect(contentTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(contentTypeOf(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(contentTypeOf(Buffer.from('%PD'))).toBeNull();
    expect(contentTypeOfName('扫描件.JPEG')).toBe('image/jpeg');
    expect(contentTypeOfName('无扩展名')).toBeNull();
  });

  it('refuses a path or control characters in a file name, accepts a Chinese one', () => {
    expect(fileNameProblem('身份证 正面.pdf')).toBeNull();
    for (const bad of ['../../x.pdf', 'a/b.pdf', 'a\\b.pdf', '..pdf', '', 'a\u0000.pdf'])
      expect(fileNameProblem(bad)).not.toBeNull();
  });
});
