import { loggedPath, loggedRequest } from '../../src/common/logged-request';

// The request log keeps the path only: no searched name or ID number, no receipt code.

describe('what the request log keeps', () => {
  it('drops the query string, where a population search carries a name and an ID number', () => {
    expect(loggedPath('/api/v1/population?name=%E5%BC%A0%E4%B8%89&idNumber=410502195803120036')).toBe(
      '/api/v1/population',
    );
    expect(loggedPath('/api/v1/tasks#x')).toBe('/api/v1/tasks');
    expect(loggedPath(undefined)).toBe('');
  });

  it('replaces a public complaint’s receipt code, which opens its reply', () => {
    expect(loggedPath('/api/v1/public/complaints/ABCD2345EFGH')).toBe('/api/v1/public/complaints/:receiptCode');
    expect(loggedPath('/api/v1/public/complaints')).toBe('/api/v1/public/complaints');
  });

  it('keeps id, method and path, and nothing of the headers or query', () => {
    const logged = loggedRequest({
      id: 'r-1',
      method: 'GET',
      url: '/api/v1/population?idNumber=410502195803120036',
      ...{ headers: { authorization: 'Bearer x' }, query: { idNumber: '410502195803120036' } },
    });
    expect(logged).toEqual({ id: 'r-1', method: 'GET', url: '/api/v1/population' });
    expect(JSON.stringify(logged)).not.toContain('4105021958');
  });
});
