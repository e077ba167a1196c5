import { parseFrame, serializeCall, serializeCallError, serializeCallResult } from './rpc-frame';

describe('OCPP-J framing', () => {
  describe('given well-formed frames', () => {
    it('parses a CALL', () => {
      const r = parseFrame('[2,"19223201","BootNotification",{"chargePointVendor":"V"}]');
      expect(r).toEqual({
        ok: true,
        frame: {
          type: 2,
          messageId: '19223201',
          action: 'BootNotification',
          payload: { chargePointVendor: 'V' },
        },
      });
    });

    it('parses a CALLRESULT', () => {
      expect(parseFrame('[3,"a",{"status":"Accepted"}]')).toEqual({
        ok: true,
        frame: { type: 3, messageId: 'a', payload: { status: 'Accepted' } },
      });
    });

    it('parses a CALLERROR', () => {
      expect(parseFrame('[4,"a","NotSupported","no",{}]')).toEqual({
        ok: true,
        frame: {
          type: 4,
          messageId: 'a',
          errorCode: 'NotSupported',
          errorDescription: 'no',
          errorDetails: {},
        },
      });
    });

    it('round-trips serialized frames', () => {
      expect(parseFrame(serializeCall('x', 'Heartbeat', {}))).toMatchObject({ ok: true });
      expect(parseFrame(serializeCallResult('x', { currentTime: 't' }))).toMatchObject({
        ok: true,
      });
      expect(JSON.parse(serializeCallError('x', 'InternalError', 'd'.repeat(400)))).toEqual([
        4,
        'x',
        'InternalError',
        'd'.repeat(255),
        {},
      ]);
    });
  });

  describe('given malformed frames', () => {
    it.each([
      ['not JSON', '[2,"a"', 'FormatViolation', null, false],
      ['not an array', '{"a":1}', 'FormatViolation', null, false],
      ['an empty array', '[]', 'FormatViolation', null, false],
      ['an unknown message type with an id', '[7,"a","X",{}]', 'ProtocolError', 'a', true],
      ['a numeric message id', '[2,1,"Heartbeat",{}]', 'FormatViolation', null, false],
      [
        'a message id longer than 36',
        `[2,"${'i'.repeat(37)}","Heartbeat",{}]`,
        'FormatViolation',
        null,
        false,
      ],
      ['a CALL without payload', '[2,"a","Heartbeat"]', 'ProtocolError', 'a', true],
      ['a CALL with an array payload', '[2,"a","Heartbeat",[]]', 'FormatViolation', 'a', true],
      ['a CALL with a null payload', '[2,"a","Heartbeat",null]', 'FormatViolation', 'a', true],
      ['a CALL with extra elements', '[2,"a","Heartbeat",{},1]', 'FormatViolation', 'a', true],
      ['a CALL with a non-string action', '[2,"a",5,{}]', 'FormatViolation', 'a', true],
      ['a CALLRESULT without payload', '[3,"a"]', 'FormatViolation', 'a', false],
      ['a CALLERROR without details', '[4,"a","X","y"]', 'FormatViolation', 'a', false],
    ])('rejects %s', (_what, text, kind, messageId, answerable) => {
      const r = parseFrame(text);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.kind).toBe(kind);
      expect(r.messageId).toBe(messageId);
      expect(r.answerable).toBe(answerable);
    });
  });
});
