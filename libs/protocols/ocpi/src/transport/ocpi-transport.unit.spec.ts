import {
  formatOcpiDateTime,
  isOcpiDateTime,
  isValidCredentialsToken,
  nextPageUrl,
  ocpiError,
  ocpiSuccess,
  OcpiStatus,
  pageHeaders,
  parseOcpiDateTime,
  parseOcpiResponse,
  parsePageRequest,
  parseTokenAuthorization,
  tokenAuthorization,
} from './index';

describe('OCPI transport', () => {
  describe('DateTime', () => {
    it.each([
      '2026-11-21T10:00:00Z',
      '2026-11-21T10:00:00',
      '2026-11-21T10:00:00.123Z',
      '2026-11-21T10:00:00.5',
    ])('accepts %s as UTC', (value) => {
      expect(isOcpiDateTime(value)).toBe(true);
      expect(parseOcpiDateTime(value).toISOString().startsWith('2026-11-21T10:00:00')).toBe(true);
    });

    it.each([
      '2026-11-21T10:00:00+00:00',
      '2026-11-21T10:00:00+01:00',
      '2026-11-21',
      'yesterday',
      '2026-13-01T00:00:00Z',
      42,
    ])('rejects %p', (value) => expect(isOcpiDateTime(value)).toBe(false));

    it('emits UTC with Z', () => {
      expect(formatOcpiDateTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe(
        '2026-01-02T03:04:05.000Z',
      );
    });
  });

  describe('response envelope', () => {
    const now = new Date('2026-11-21T12:00:00Z');

    it('wraps data with 1000 and a timestamp, leaving data out when there is none', () => {
      expect(ocpiSuccess({ a: 1 }, now)).toEqual({
        data: { a: 1 },
        status_code: 1000,
        timestamp: '2026-11-21T12:00:00.000Z',
      });
      expect(ocpiSuccess(undefined, now)).toEqual({
        status_code: 1000,
        timestamp: '2026-11-21T12:00:00.000Z',
      });
    });

    it('carries the error code and message', () => {
      expect(ocpiError(OcpiStatus.UnknownToken, 'Unknown token', now)).toEqual({
        status_code: 2004,
        status_message: 'Unknown token',
        timestamp: '2026-11-21T12:00:00.000Z',
      });
    });

    it('parses peer envelopes and refuses non-envelopes', () => {
      expect(parseOcpiResponse({ status_code: 1000, timestamp: 'x', data: [] }).status_code).toBe(
        1000,
      );
      expect(() => parseOcpiResponse({ data: [] })).toThrow(/status_code/);
      expect(() => parseOcpiResponse({ status_code: '1000', timestamp: 'x' })).toThrow(
        /status_code/,
      );
      expect(() => parseOcpiResponse('nope')).toThrow(/object/);
    });
  });

  describe('Authorization: Token', () => {
    it('round-trips base64 as 2.2.1 requires', () => {
      const header = tokenAuthorization('example-token');
      expect(header).toBe('Token ZXhhbXBsZS10b2tlbg==');
      expect(parseTokenAuthorization(header)).toEqual({
        decoded: 'example-token',
        raw: 'ZXhhbXBsZS10b2tlbg==',
      });
    });

    it('keeps the raw reading for legacy peers that send the token unencoded', () => {
      expect(tokenAuthorization('abc-123', 'raw')).toBe('Token abc-123');
      expect(parseTokenAuthorization('Token abc-123')).toEqual({ raw: 'abc-123' });
    });

    it('does not treat a decoded value with whitespace or control characters as a token', () => {
      // "example-token\n" (the spec's own example) decodes to a value with a newline.
      expect(parseTokenAuthorization('Token ZXhhbXBsZS10b2tlbgo=')).toEqual({
        raw: 'ZXhhbXBsZS10b2tlbgo=',
      });
    });

    it.each([undefined, '', 'Bearer abc', 'Token', 'Token a b', 'token abc'])(
      'refuses header %p',
      (header) => {
        expect(parseTokenAuthorization(header)).toBeNull();
      },
    );

    it('validates credentials tokens: 1-64 printable non-whitespace ASCII', () => {
      expect(isValidCredentialsToken('A'.repeat(64))).toBe(true);
      expect(isValidCredentialsToken('A'.repeat(65))).toBe(false);
      expect(isValidCredentialsToken('with space')).toBe(false);
      expect(isValidCredentialsToken('')).toBe(false);
    });
  });

  describe('pagination', () => {
    it('defaults offset 0 and caps limit at the server maximum', () => {
      expect(parsePageRequest({}, 100)).toEqual({ ok: true, page: { offset: 0, limit: 100 } });
      expect(parsePageRequest({ limit: '1000', offset: '20' }, 100)).toEqual({
        ok: true,
        page: { offset: 20, limit: 100 },
      });
    });

    it('reads date_from / date_to as UTC', () => {
      const r = parsePageRequest(
        { date_from: '2026-11-01T00:00:00Z', date_to: '2026-11-02T00:00:00' },
        50,
      );
      expect(r.ok && r.page.dateFrom?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
      expect(r.ok && r.page.dateTo?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
    });

    it.each([
      [{ offset: '-1' }, /offset/],
      [{ limit: 'ten' }, /limit/],
      [{ limit: '0' }, /limit/],
      [{ date_from: '2026-11-01T00:00:00+01:00' }, /date_from/],
    ])('reports bad parameters %p', (query, message) => {
      const r = parsePageRequest(query, 100);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(message);
    });

    it('links the next page repeating the filters, and not after the last page', () => {
      const page = { offset: 0, limit: 2, dateFrom: new Date('2026-11-01T00:00:00Z') };
      const first = pageHeaders('https://cpo.example/ocpi/cpo/2.2.1/locations', page, 5, 2, 10);
      expect(first['X-Total-Count']).toBe('5');
      expect(first['X-Limit']).toBe('10');
      const next = nextPageUrl(first.Link);
      expect(next).toBe(
        'https://cpo.example/ocpi/cpo/2.2.1/locations?date_from=2026-11-01T00%3A00%3A00.000Z&offset=2&limit=2',
      );
      const last = pageHeaders('https://cpo.example/x', { offset: 4, limit: 2 }, 5, 1, 10);
      expect(last.Link).toBeUndefined();
    });

    it('finds rel="next" among several links', () => {
      expect(
        nextPageUrl('<https://a/prev>; rel="prev", <https://a/next?offset=4>; rel="next"'),
      ).toBe('https://a/next?offset=4');
      expect(nextPageUrl(null)).toBeUndefined();
    });
  });
});
