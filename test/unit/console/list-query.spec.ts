import { listQuery } from '../../../console/src/api/list-query';

// The list screens send only the filters that hold text: a select cleared by its × (Element
// Plus sets undefined), an empty or blank input stay out; typed text is sent trimmed.

describe('listQuery', () => {
  it('sends the page with each filter that holds text, trimmed', () => {
    const q = listQuery({ county: '410502', township: ' 410502002 ', stage: 'OPEN' }, { page: '2', pageSize: '20' });
    expect([...q]).toEqual([
      ['page', '2'],
      ['pageSize', '20'],
      ['county', '410502'],
      ['township', '410502002'],
      ['stage', 'OPEN'],
    ]);
  });

  it('leaves out a cleared select (undefined), a null, an empty and a blank filter', () => {
    const q = listQuery({ stage: undefined, kind: null, county: '', township: '   ' }, { format: 'xlsx' });
    expect(q.toString()).toBe('format=xlsx');
  });
});
