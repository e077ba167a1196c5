import { SnakeNamingStrategy, toSnakeCase } from './snake-naming.strategy';

describe('toSnakeCase', () => {
  it.each([
    ['chargingSession', 'charging_session'],
    ['ChargingSession', 'charging_session'],
    ['id', 'id'],
    ['already_snake', 'already_snake'],
    ['evseUID', 'evse_uid'],
    ['HTTPServer', 'http_server'],
    ['parseHTTPResponse', 'parse_http_response'],
    ['meterValue2Wh', 'meter_value2_wh'],
    ['ocpp16Message', 'ocpp16_message'],
    ['aBcDe', 'a_bc_de'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(toSnakeCase(input)).toBe(expected);
  });
});

describe('SnakeNamingStrategy', () => {
  const strategy = new SnakeNamingStrategy();

  it('names tables after the class in snake_case, without an Entity suffix', () => {
    expect(strategy.tableName('ChargingSessionEntity', undefined)).toBe('charging_session');
    expect(strategy.tableName('CDR', undefined)).toBe('cdr');
    expect(strategy.tableName('EntityLog', undefined)).toBe('entity_log');
  });

  it('keeps an explicit table name as written', () => {
    expect(strategy.tableName('ChargingSessionEntity', 'sessions_v2')).toBe('sessions_v2');
  });

  it('names columns in snake_case, embedded prefixes included', () => {
    expect(strategy.columnName('startedAt', undefined, [])).toBe('started_at');
    expect(strategy.columnName('streetName', undefined, ['billingAddress'])).toBe(
      'billing_address_street_name',
    );
    expect(strategy.columnName('kWh', undefined, ['meter', 'lastValue'])).toBe(
      'meter_last_value_k_wh',
    );
  });

  it('keeps an explicit column name as written (prefixes still apply)', () => {
    expect(strategy.columnName('startedAt', 'begin_ts', [])).toBe('begin_ts');
    expect(strategy.columnName('chargeBoxId', 'chargeBoxIdentity', [])).toBe('chargeBoxIdentity');
    expect(strategy.columnName('zip', 'postalCode', ['address'])).toBe('address_postalCode');
  });

  it('names relations and join columns in snake_case', () => {
    expect(strategy.relationName('chargingSession')).toBe('charging_session');
    expect(strategy.joinColumnName('chargingSession', 'id')).toBe('charging_session_id');
    expect(strategy.joinColumnName('tariff', 'tariffId')).toBe('tariff_tariff_id');
  });
});
