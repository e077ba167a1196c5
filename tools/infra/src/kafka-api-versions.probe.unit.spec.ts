import {
  API_VERSIONS_KEY,
  decodeApiVersionsResponse,
  encodeApiVersionsRequest,
} from './kafka-api-versions.probe';

describe('ApiVersions v0 wire format', () => {
  it('encodes a size-prefixed request header with the client id', () => {
    const frame = encodeApiVersionsRequest(42, 'probe');
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    expect(frame.readInt16BE(4)).toBe(API_VERSIONS_KEY);
    expect(frame.readInt16BE(6)).toBe(0);
    expect(frame.readInt32BE(8)).toBe(42);
    expect(frame.readInt16BE(12)).toBe(5);
    expect(frame.subarray(14).toString('utf8')).toBe('probe');
  });

  function response(correlationId: number, errorCode: number, keys: number[][]): Buffer {
    const frame = Buffer.alloc(10 + keys.length * 6);
    frame.writeInt32BE(correlationId, 0);
    frame.writeInt16BE(errorCode, 4);
    frame.writeInt32BE(keys.length, 6);
    keys.forEach(([key, min, max], i) => {
      frame.writeInt16BE(key!, 10 + i * 6);
      frame.writeInt16BE(min!, 12 + i * 6);
      frame.writeInt16BE(max!, 14 + i * 6);
    });
    return frame;
  }

  it('decodes the api key ranges of a response', () => {
    const result = decodeApiVersionsResponse(
      response(7, 0, [
        [0, 0, 11],
        [3, 0, 12],
      ]),
      7,
    );
    expect(result.errorCode).toBe(0);
    expect(result.apiKeys.get(0)).toEqual([0, 11]);
    expect(result.apiKeys.get(3)).toEqual([0, 12]);
  });

  it('rejects answers to another request and truncated frames', () => {
    expect(() => decodeApiVersionsResponse(response(8, 0, []), 7)).toThrow(/correlation/);
    expect(() => decodeApiVersionsResponse(response(7, 0, [[0, 0, 1]]).subarray(0, 12), 7)).toThrow(
      /truncated/,
    );
  });
});
