import { confirmationViolation } from './send-command.use-case';

describe('station confirmations to CSMS → station commands', () => {
  it('given a confirmation that satisfies <Action>.conf, it finds no violation', () => {
    expect(confirmationViolation('ocpp1.6', 'Reset', { status: 'Accepted' })).toBeNull();
    expect(
      confirmationViolation('ocpp1.6', 'GetConfiguration', {
        configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
      }),
    ).toBeNull();
  });

  it.each([
    ['an unknown status', 'Reset', { status: 'Maybe' }, 'PropertyConstraintViolation'],
    ['a missing status', 'RemoteStartTransaction', {}, 'OccurrenceConstraintViolation'],
    ['an unknown property', 'ClearCache', { status: 'Accepted', note: 'x' }, 'FormatViolation'],
    ['a wrong type', 'GetLocalListVersion', { listVersion: '3' }, 'TypeConstraintViolation'],
  ])('given %s, it names the violation', (_what, action, payload, kind) => {
    const violation = confirmationViolation('ocpp1.6', action, payload);
    expect(violation).toContain(`${action}.conf violates the OCPP schema (${kind})`);
  });
});
