import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateOcpi } from '../common/validate-ocpi';
import { TokenDto } from '../tokens/token.dto';
import {
  CancelReservationDto,
  COMMAND_REQUEST_CLASSES,
  CommandResponseDto,
  CommandResultDto,
  ReserveNowDto,
  StartSessionDto,
  StopSessionDto,
  UnlockConnectorDto,
  validateCommandRequest,
} from './command.dto';
import { CommandType } from './command.enums';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies broken on purpose
type Json = Record<string, any>;

function aToken(): Json {
  const file = join(
    __dirname,
    '..',
    'tokens',
    'fixtures',
    'spec-examples',
    'token_example_1_app_user.json',
  );
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

const RESPONSE_URL = 'https://emsp.example.com/ocpi/emsp/2.2.1/commands/START_SESSION/8a1b';

function expectOnly(violations: string[], path: string): void {
  expect(violations.length).toBeGreaterThan(0);
  for (const violation of violations) expect(violation.startsWith(`${path}: `)).toBe(true);
}

describe('OCPI 2.2.1 command request objects', () => {
  const valid: [string, new () => object, Json][] = [
    [
      'StartSession',
      StartSessionDto,
      {
        response_url: RESPONSE_URL,
        token: aToken(),
        location_id: 'LOC1',
        evse_uid: '3256',
        connector_id: '1',
        authorization_reference: 'A1',
      },
    ],
    [
      'StartSession without EVSE',
      StartSessionDto,
      { response_url: RESPONSE_URL, token: aToken(), location_id: 'LOC1' },
    ],
    ['StopSession', StopSessionDto, { response_url: RESPONSE_URL, session_id: 'S-1' }],
    [
      'ReserveNow',
      ReserveNowDto,
      {
        response_url: RESPONSE_URL,
        token: aToken(),
        expiry_date: '2026-11-22T03:00:00Z',
        reservation_id: 'R1',
        location_id: 'LOC1',
        evse_uid: null,
      },
    ],
    [
      'CancelReservation',
      CancelReservationDto,
      { response_url: RESPONSE_URL, reservation_id: 'R1' },
    ],
    [
      'UnlockConnector',
      UnlockConnectorDto,
      { response_url: RESPONSE_URL, location_id: 'LOC1', evse_uid: '3256', connector_id: '1' },
    ],
  ];

  it.each(valid)('Given a valid %s, When validated, Then it passes', (_what, cls, body) => {
    const result = validateOcpi(cls, body);
    expect(result.violations).toEqual([]);
    expect(result.value).toBeInstanceOf(cls);
  });

  it('Given a StartSession, When validated, Then its token is a TokenDto', () => {
    const result = validateOcpi(StartSessionDto, valid[0][2]);
    expect(result.value?.token).toBeInstanceOf(TokenDto);
  });

  it('maps every CommandType to its request class', () => {
    expect(Object.keys(COMMAND_REQUEST_CLASSES).sort()).toEqual(Object.values(CommandType).sort());
    expect(COMMAND_REQUEST_CLASSES[CommandType.START_SESSION]).toBe(StartSessionDto);
  });

  const broken: [string, string, new () => object, Json][] = [
    [
      'a connector_id without evse_uid',
      'evse_uid',
      StartSessionDto,
      { response_url: RESPONSE_URL, token: aToken(), location_id: 'LOC1', connector_id: '1' },
    ],
    [
      'a connector_id with evse_uid null',
      'evse_uid',
      StartSessionDto,
      {
        response_url: RESPONSE_URL,
        token: aToken(),
        location_id: 'LOC1',
        evse_uid: null,
        connector_id: '1',
      },
    ],
    [
      'a relative response_url',
      'response_url',
      StartSessionDto,
      { response_url: '/commands/1', token: aToken(), location_id: 'LOC1' },
    ],
    [
      'a response_url over 255',
      'response_url',
      StopSessionDto,
      { response_url: `https://x.example/${'a'.repeat(240)}`, session_id: 'S' },
    ],
    [
      'a token without uid',
      'token.uid',
      StartSessionDto,
      { response_url: RESPONSE_URL, token: { ...aToken(), uid: undefined }, location_id: 'LOC1' },
    ],
    [
      'no token',
      'token',
      ReserveNowDto,
      {
        response_url: RESPONSE_URL,
        expiry_date: '2026-11-22T03:00:00Z',
        reservation_id: 'R1',
        location_id: 'L',
      },
    ],
    [
      'a non-UTC expiry_date',
      'expiry_date',
      ReserveNowDto,
      {
        response_url: RESPONSE_URL,
        token: aToken(),
        expiry_date: '2026-11-22T03:00:00+01:00',
        reservation_id: 'R1',
        location_id: 'L',
      },
    ],
    [
      'a reservation_id over 36',
      'reservation_id',
      CancelReservationDto,
      { response_url: RESPONSE_URL, reservation_id: 'r'.repeat(37) },
    ],
    ['no session_id', 'session_id', StopSessionDto, { response_url: RESPONSE_URL }],
    [
      'no connector_id',
      'connector_id',
      UnlockConnectorDto,
      { response_url: RESPONSE_URL, location_id: 'L', evse_uid: 'E' },
    ],
  ];

  it.each(broken)(
    'Given a command with %s, When validated, Then %s is named',
    (_what, path, cls, body) => {
      expectOnly(validateOcpi(cls, body).violations, path);
    },
  );
});

describe('OCPI 2.2.1 CommandResponse / CommandResult', () => {
  it('Given the spec-shaped answers, When validated, Then they pass', () => {
    expect(
      validateOcpi(CommandResponseDto, { result: 'ACCEPTED', timeout: 30 }).violations,
    ).toEqual([]);
    expect(
      validateOcpi(CommandResponseDto, {
        result: 'REJECTED',
        timeout: 0,
        message: [{ language: 'en', text: 'Unknown EVSE' }],
      }).violations,
    ).toEqual([]);
    expect(
      validateOcpi(CommandResultDto, { result: 'CANCELED_RESERVATION', message: null }).violations,
    ).toEqual([]);
  });

  it.each<[string, string, new () => object, Json]>([
    ['no timeout', 'timeout', CommandResponseDto, { result: 'ACCEPTED' }],
    ['a fractional timeout', 'timeout', CommandResponseDto, { result: 'ACCEPTED', timeout: 1.5 }],
    [
      'a result type of the other enum',
      'result',
      CommandResponseDto,
      { result: 'TIMEOUT', timeout: 5 },
    ],
    ['an unknown result', 'result', CommandResultDto, { result: 'OK' }],
    [
      'a message with a 3-letter language',
      'message[0].language',
      CommandResultDto,
      { result: 'FAILED', message: [{ language: 'eng', text: 'x' }] },
    ],
  ])('Given an answer with %s, When validated, Then %s is named', (_what, path, cls, body) => {
    expectOnly(validateOcpi(cls, body).violations, path);
  });
});

describe('validateCommandRequest', () => {
  it('Given START_SESSION and a StartSession body, When validated, Then the value is a StartSessionDto', () => {
    const result = validateCommandRequest('START_SESSION', {
      response_url: RESPONSE_URL,
      token: aToken(),
      location_id: 'LOC1',
    });
    expect(result.violations).toEqual([]);
    expect(result.value).toBeInstanceOf(StartSessionDto);
  });

  it('Given STOP_SESSION and a body without session_id, When validated, Then session_id is named', () => {
    expectOnly(
      validateCommandRequest('STOP_SESSION', { response_url: RESPONSE_URL }).violations,
      'session_id',
    );
  });

  it('Given an unknown command, When validated, Then command is named', () => {
    expectOnly(
      validateCommandRequest('REBOOT', { response_url: RESPONSE_URL }).violations,
      'command',
    );
    expectOnly(validateCommandRequest('toString', {}).violations, 'command');
  });
});
