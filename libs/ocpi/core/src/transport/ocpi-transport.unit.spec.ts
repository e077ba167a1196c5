import { HttpException, NotFoundException } from '@nestjs/common';
import { NotFoundError, ValidationFailedError } from '@voltlane/platform-core';
import { joinUrl } from '../client/ocpi-http';
import { OcpiPartyUrls } from '../party/ocpi-party.options';
import { versionDetailsOf } from '../versions/versions.controller';
import { routingPair } from './ocpi-headers';
import { ocpiErrorOf } from './ocpi-exception.filter';
import { ocpiPage, parseOcpiPage } from './ocpi-paging';
import { OcpiException } from './ocpi.exception';

describe('OCPI transport building blocks', () => {
  describe('error mapping (ADR 0061)', () => {
    it.each([
      [OcpiException.unauthorized(), 401, 2000],
      [OcpiException.methodNotAllowed('x'), 405, 2000],
      [OcpiException.status(3001, 'x'), 200, 3001],
      [new ValidationFailedError('bad', ['a: b']), 400, 2001],
      [new NotFoundError('gone'), 404, 2000],
      [new NotFoundException(), 404, 2000],
      [new HttpException('bad', 400), 400, 2001],
      [
        Object.assign(new SyntaxError('Unexpected end'), {
          type: 'entity.parse.failed',
          status: 400,
        }),
        400,
        2001,
      ],
      [{ type: 'entity.too.large', status: 413 }, 413, 2001],
      [new Error('boom'), 500, 3000],
    ])('given %p, then HTTP %s and OCPI %s', (err, http, ocpi) => {
      const answer = ocpiErrorOf(err);
      expect([answer.httpStatus, answer.ocpiStatus]).toEqual([http, ocpi]);
    });

    it('never leaks internal error messages', () => {
      expect(ocpiErrorOf(new Error('password=secret')).message).toBe('Internal error');
    });
  });

  it('builds our URLs from publicUrl and basePath, slash-normalised', () => {
    const urls = new OcpiPartyUrls({
      role: 'CPO',
      basePath: 'ocpi/cpo/',
      publicUrl: 'https://cpo.example/',
      countryCode: 'NL',
      partyId: 'VLT',
      businessName: 'x',
      endpoints: [],
    });
    expect(urls.versionsUrl).toBe('https://cpo.example/ocpi/cpo/versions');
    expect(urls.versionDetailsUrl).toBe('https://cpo.example/ocpi/cpo/2.2.1');
    expect(urls.moduleUrl('/locations')).toBe('https://cpo.example/ocpi/cpo/2.2.1/locations');
    expect(joinUrl('https://p/tokens/', '/NL/VLT/1')).toBe('https://p/tokens/NL/VLT/1');
    expect(joinUrl('https://p/tokens')).toBe('https://p/tokens');
  });

  it('advertises credentials once (role SENDER) before the module endpoints', () => {
    const details = versionDetailsOf({
      role: 'EMSP',
      basePath: '/ocpi/emsp',
      publicUrl: 'https://e.example',
      countryCode: 'NL',
      partyId: 'VLE',
      businessName: 'x',
      endpoints: [
        { identifier: 'credentials', role: 'RECEIVER', path: 'credentials' },
        { identifier: 'tokens', role: 'SENDER', path: 'tokens' },
      ],
    });
    expect(details.endpoints).toEqual([
      {
        identifier: 'credentials',
        role: 'SENDER',
        url: 'https://e.example/ocpi/emsp/2.2.1/credentials',
      },
      { identifier: 'tokens', role: 'SENDER', url: 'https://e.example/ocpi/emsp/2.2.1/tokens' },
    ]);
  });

  it('reads routing header pairs: both or neither, well-formed', () => {
    const bag = (h: Record<string, string>) => ({ headers: h });
    expect(routingPair(bag({}), 'a', 'b')).toBeUndefined();
    expect(routingPair(bag({ a: 'de', b: 'abc' }), 'a', 'b')).toEqual({
      countryCode: 'DE',
      partyId: 'ABC',
    });
    expect(routingPair(bag({ a: 'DE' }), 'a', 'b')).toBe('invalid');
    expect(routingPair(bag({ a: 'DEU', b: 'ABC' }), 'a', 'b')).toBe('invalid');
  });

  it('parses paging parameters (bad → 2001) and builds page headers', () => {
    expect(() => parseOcpiPage({ offset: '-1' }, 10)).toThrow(OcpiException);
    const page = parseOcpiPage({ offset: '2', limit: '50' }, 10);
    expect(page).toEqual({ offset: 2, limit: 10 });
    const result = ocpiPage('https://c/x', { items: [1, 2], total: 20, ...page }, 10);
    expect(result.data).toEqual([1, 2]);
    expect(result.options.headers).toMatchObject({
      'X-Total-Count': '20',
      'X-Limit': '10',
      Link: '<https://c/x?offset=4&limit=10>; rel="next"',
    });
  });
});
