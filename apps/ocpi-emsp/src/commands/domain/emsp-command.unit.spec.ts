import {
  applyResponse,
  commandResponseUrl,
  decideResult,
  type EmspCommand,
  isOpen,
} from './emsp-command';

const now = new Date('2026-11-22T08:00:00Z');
const requested: Pick<EmspCommand, 'state' | 'result' | 'completedAt' | 'deadlineAt' | 'response'> =
  {
    state: 'REQUESTED',
    result: null,
    response: null,
    completedAt: null,
    deadlineAt: new Date('2026-11-22T08:02:00Z'),
  };

describe('commandResponseUrl', () => {
  it('Given the commands URL with or without a trailing slash, When built, Then it is {commands}/{TYPE}/{id}', () => {
    expect(
      commandResponseUrl('https://e.example/ocpi/emsp/2.2.1/commands/', 'STOP_SESSION', 'a1'),
    ).toBe('https://e.example/ocpi/emsp/2.2.1/commands/STOP_SESSION/a1');
    expect(commandResponseUrl('https://e.example/c', 'START_SESSION', 'b2')).toBe(
      'https://e.example/c/START_SESSION/b2',
    );
  });
});

describe('applyResponse', () => {
  it('Given a REQUESTED command, When the CPO answers ACCEPTED with timeout 30, Then it waits until timeout + grace', () => {
    const next = applyResponse(requested, { result: 'ACCEPTED', timeout: 30 }, now, 10);
    expect(next).toEqual({
      state: 'ACCEPTED',
      completedAt: null,
      deadlineAt: new Date('2026-11-22T08:00:40Z'),
    });
    expect(isOpen(next)).toBe(true);
  });

  it.each(['REJECTED', 'NOT_SUPPORTED', 'UNKNOWN_SESSION'] as const)(
    'Given a REQUESTED command, When the CPO answers %s, Then the command is final',
    (result) => {
      const next = applyResponse(requested, { result, timeout: 0 }, now, 10);
      expect(next.state).toBe(result);
      expect(next.completedAt).toEqual(now);
    },
  );

  it('Given a command whose CommandResult overtook the response, When the response is recorded, Then the result stays the word', () => {
    const overtaken = {
      ...requested,
      state: 'FAILED' as const,
      result: { result: 'FAILED' as const },
      completedAt: now,
    };
    expect(applyResponse(overtaken, { result: 'ACCEPTED', timeout: 30 }, now, 10)).toEqual({
      state: 'FAILED',
      completedAt: now,
      deadlineAt: requested.deadlineAt,
    });
  });
});

describe('decideResult', () => {
  it('Given an ACCEPTED command, When its first result arrives, Then it is recorded as the state', () => {
    const accepted = {
      ...requested,
      state: 'ACCEPTED' as const,
      response: { result: 'ACCEPTED' as const, timeout: 30 },
    };
    expect(decideResult(accepted, { result: 'EVSE_OCCUPIED' })).toEqual({
      kind: 'record',
      state: 'EVSE_OCCUPIED',
    });
  });

  it('Given a command that has a result, When another result arrives, Then it is a duplicate', () => {
    const done = {
      ...requested,
      state: 'ACCEPTED' as const,
      result: { result: 'ACCEPTED' as const },
    };
    expect(decideResult(done, { result: 'FAILED' })).toEqual({ kind: 'duplicate' });
  });

  it('Given a command the CPO refused, When a result arrives, Then it is ignored', () => {
    const refused = {
      ...requested,
      state: 'REJECTED' as const,
      response: { result: 'REJECTED' as const, timeout: 0 },
    };
    expect(decideResult(refused, { result: 'ACCEPTED' })).toEqual({ kind: 'refused' });
  });

  it('Given a command we timed out, When the CPO result arrives late, Then it is recorded (the CPO knows better)', () => {
    const timedOut = {
      ...requested,
      state: 'TIMEOUT' as const,
      response: { result: 'ACCEPTED' as const, timeout: 30 },
    };
    expect(decideResult(timedOut, { result: 'ACCEPTED' })).toEqual({
      kind: 'record',
      state: 'ACCEPTED',
    });
  });

  it('Given a REQUESTED command (response not yet recorded), When the result arrives, Then it is recorded', () => {
    expect(decideResult(requested, { result: 'ACCEPTED' })).toEqual({
      kind: 'record',
      state: 'ACCEPTED',
    });
  });
});
