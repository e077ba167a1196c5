import { startSession } from './charging-session';
import { publicSessionId, toOcpiSession } from './ocpi-session.mapper';
import {
  activatePending,
  applyCommandResult,
  expirePending,
  matchesStart,
  openPendingSession,
  type PendingSession,
  pendingSessionIdOf,
  type RemoteStartRequest,
  toOcpiPendingSession,
} from './remote-start';
import type { SessionPlace } from './session-place';

const T0 = Date.parse('2025-03-14T09:30:41.512Z');
const sec = (s: number) => T0 + s * 1000;
const WINDOW = 180_000;
const CTX = { countryCode: 'NL', partyId: 'VLT', currency: 'EUR' };
const COMMAND_ID = '0b7e5f3c-52a1-4e0d-8f77-2c1d9a6b4e10';
const PLACE: SessionPlace = { locationId: 'LOC-1', evseUid: 'EVSE-1', connectorId: '1' };

function aRequest(overrides: Partial<RemoteStartRequest> = {}): RemoteStartRequest {
  return {
    commandId: COMMAND_ID,
    stationId: 'CP-1',
    connectorId: 1,
    idTag: 'APP-7F3K9Q2M',
    authorization: {
      token: {
        countryCode: 'DE',
        partyId: 'VLE',
        uid: 'APP-7F3K9Q2M',
        type: 'APP_USER',
        contractId: 'DE-VLE-C12345678-X',
      },
      authMethod: 'COMMAND',
      authorizationReference: 'AUTH-9Q2M-7F3K',
    },
    ...overrides,
  };
}

const opened = (overrides: Partial<RemoteStartRequest> = {}): PendingSession =>
  openPendingSession(aRequest(overrides), PLACE, T0, WINDOW);

describe('remote-started sessions (PENDING → ACTIVE | INVALID)', () => {
  describe('given a RemoteStartTransaction request', () => {
    it('then a PENDING OCPI Session exists from the creation time, with the eMSP token and reference', () => {
      const pending = opened();
      expect(pending).toMatchObject({ status: 'PENDING', revision: 1, expiresAt: T0 + WINDOW });
      expect(toOcpiPendingSession(pending, CTX)).toEqual({
        country_code: 'NL',
        party_id: 'VLT',
        id: pendingSessionIdOf(COMMAND_ID),
        start_date_time: '2025-03-14T09:30:41Z',
        kwh: 0,
        cdr_token: {
          country_code: 'DE',
          party_id: 'VLE',
          uid: 'APP-7F3K9Q2M',
          type: 'APP_USER',
          contract_id: 'DE-VLE-C12345678-X',
        },
        auth_method: 'COMMAND',
        authorization_reference: 'AUTH-9Q2M-7F3K',
        location_id: 'LOC-1',
        evse_uid: 'EVSE-1',
        connector_id: '1',
        currency: 'EUR',
        status: 'PENDING',
        last_updated: '2025-03-14T09:30:41Z',
      });
    });

    it('then its id is a UUID derived from the command id only (a re-sent command maps to it)', () => {
      expect(opened().sessionId).toBe(pendingSessionIdOf(COMMAND_ID));
      expect(pendingSessionIdOf(COMMAND_ID)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(pendingSessionIdOf('another')).not.toBe(pendingSessionIdOf(COMMAND_ID));
    });
  });

  describe('when the station answers', () => {
    it('Accepted: still PENDING (waiting for the start), nothing to publish', () => {
      const t = applyCommandResult(
        opened(),
        { outcome: 'Responded', responseStatus: 'Accepted', completedAt: sec(1) },
        sec(1),
      );
      expect(t.changed).toBe(false);
      expect(t.state).toMatchObject({ status: 'PENDING', commandAccepted: true, revision: 1 });
    });

    it('Rejected: INVALID (COMMAND_REJECTED), a higher revision, ended at the answer', () => {
      const t = applyCommandResult(
        opened(),
        { outcome: 'Responded', responseStatus: 'Rejected', completedAt: sec(1) },
        sec(2),
      );
      expect(t.changed).toBe(true);
      expect(t.state).toMatchObject({ status: 'INVALID', invalidReason: 'COMMAND_REJECTED' });
      expect(t.state.revision).toBe(2);
      const ocpi = toOcpiPendingSession(t.state, CTX);
      expect(ocpi.status).toBe('INVALID');
      expect(ocpi.end_date_time).toBe('2025-03-14T09:30:42Z');
    });

    it.each(['CallError', 'Timeout', 'StationOffline', 'InvalidResponse'])(
      '%s: INVALID (COMMAND_FAILED)',
      (outcome) => {
        const t = applyCommandResult(opened(), { outcome, completedAt: sec(5) }, sec(5));
        expect(t.state).toMatchObject({ status: 'INVALID', invalidReason: 'COMMAND_FAILED' });
      },
    );

    it('a late failure does not touch a session that became ACTIVE, nor a second one an INVALID one', () => {
      const active = activatePending(opened(), 'key', sec(10), sec(10)).state;
      expect(
        applyCommandResult(active, { outcome: 'Timeout', completedAt: sec(11) }, sec(11)),
      ).toEqual({ state: active, changed: false });
      const invalid = applyCommandResult(
        opened(),
        { outcome: 'Timeout', completedAt: sec(1) },
        sec(1),
      ).state;
      expect(
        applyCommandResult(invalid, { outcome: 'CallError', completedAt: sec(2) }, sec(2)),
      ).toEqual({ state: invalid, changed: false });
    });
  });

  describe('when no StartTransaction comes', () => {
    it('then before the window ends nothing happens, at its end the session is INVALID (START_TIMEOUT)', () => {
      expect(expirePending(opened(), T0 + WINDOW - 1).changed).toBe(false);
      const t = expirePending(opened(), T0 + WINDOW + 500);
      expect(t.changed).toBe(true);
      expect(t.state).toMatchObject({
        status: 'INVALID',
        invalidReason: 'START_TIMEOUT',
        invalidatedAt: T0 + WINDOW,
      });
    });
  });

  describe('when a StartTransaction arrives', () => {
    const start = { stationId: 'CP-1', connectorId: 1, idTag: 'app-7f3k9q2m' };

    it('then it matches on station, connector and idTag (idTag case-insensitive, OCPP CiString)', () => {
      expect(matchesStart(opened(), start)).toBe(true);
      expect(matchesStart(opened(), { ...start, stationId: 'CP-2' })).toBe(false);
      expect(matchesStart(opened(), { ...start, connectorId: 2 })).toBe(false);
      expect(matchesStart(opened(), { ...start, idTag: 'OTHER' })).toBe(false);
      expect(matchesStart(opened({ connectorId: undefined }), { ...start, connectorId: 2 })).toBe(
        true,
      );
    });

    it('then an INVALID (timed-out) session no longer matches', () => {
      expect(matchesStart(expirePending(opened(), T0 + WINDOW).state, start)).toBe(false);
    });

    it('then the same OCPI session becomes ACTIVE: real start time, token and reference kept, higher revision', () => {
      const pending = opened();
      const activated = activatePending(pending, 'internal-key', sec(42), sec(43)).state;
      expect(activated).toMatchObject({
        status: 'ACTIVE',
        activatedSessionKey: 'internal-key',
        revision: 2,
      });
      const session = {
        ...startSession(
          {
            sessionId: 'b3c2a1d0-0000-5000-8000-000000000001',
            stationId: 'CP-1',
            connectorId: 1,
            transactionId: '77',
            idTag: 'APP-7F3K9Q2M',
            idTagStatus: 'Accepted',
            meterStartWh: 5_000,
            startedAt: sec(42),
            ocpiSessionId: pending.sessionId,
            authorization: pending.request.authorization,
            place: PLACE,
          },
          sec(43),
        ),
        revision: activated.revision,
      };
      expect(publicSessionId(session)).toBe(pending.sessionId);
      const ocpi = toOcpiSession(session, CTX);
      expect(ocpi).toMatchObject({
        id: pending.sessionId,
        status: 'ACTIVE',
        start_date_time: '2025-03-14T09:31:23Z',
        auth_method: 'COMMAND',
        authorization_reference: 'AUTH-9Q2M-7F3K',
        cdr_token: { country_code: 'DE', party_id: 'VLE', uid: 'APP-7F3K9Q2M', type: 'APP_USER' },
        location_id: 'LOC-1',
        evse_uid: 'EVSE-1',
        connector_id: '1',
      });
    });
  });
});
