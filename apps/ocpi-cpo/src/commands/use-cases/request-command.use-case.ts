import { Injectable } from '@nestjs/common';
import { type OcpiCaller, OcpiException } from '@voltlane/ocpi-core';
import {
  type CancelReservationDto,
  CommandResponseDto,
  CommandType,
  type ReserveNowDto,
  type StartSessionDto,
  type StopSessionDto,
  type TokenDto,
  type UnlockConnectorDto,
  validateCommandRequest,
} from '@voltlane/protocols-ocpi';
import { DataSource, type EntityManager } from 'typeorm';
import { fitsOcppIdTag } from '../domain/command-target';
import { CommandSessionRepository } from '../persistence/command-session.repository';
import { ReservationRepository } from '../persistence/reservation.repository';
import { CommandDispatcher, type DispatchCommand } from './command-dispatcher';
import { CommandPlaces } from './command-places';
import { checkedOutbound, message } from './ocpi-answers';

type Party = { countryCode: string; partyId: string };
type Plan = { reject: string } | { unknownSession: string } | { dispatch: DispatchCommand };

/**
 * `POST {commands}/{command}` [CMD › Receiver Interface]: validates the body, resolves the OCPP
 * station connector, and — unless the CPO must refuse at once (station offline, unknown session,
 * token of another party...) — stores the command and publishes `ocpp.command.requested` in one
 * transaction; answers CommandResponse ACCEPTED with the configured timeout. The CommandResult is
 * POSTed later to `response_url` (CompleteCommandUseCase / the sweeper).
 */
@Injectable()
export class RequestCommandUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: CommandDispatcher,
    private readonly places: CommandPlaces,
    private readonly sessions: CommandSessionRepository,
    private readonly reservations: ReservationRepository,
  ) {}

  async execute(command: {
    caller: OcpiCaller;
    command: string;
    body: unknown;
  }): Promise<CommandResponseDto> {
    const validated = validateCommandRequest(command.command, command.body);
    if (!validated.ok || !validated.value) {
      throw OcpiException.invalidParameters(
        `Invalid ${command.command} request: ${validated.violations.join('; ')}`,
      );
    }
    const kind = command.command as CommandType;
    const { caller } = command;
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.plan(manager, caller, kind, validated.value as never);
      if ('reject' in plan) return this.answer('REJECTED', plan.reject);
      if ('unknownSession' in plan) return this.answer('UNKNOWN_SESSION', plan.unknownSession);
      if (await this.places.isOffline(manager, plan.dispatch.stationId)) {
        return this.answer('REJECTED', `station of this EVSE is offline`);
      }
      if (plan.dispatch.kind === 'RESERVE_NOW') await this.reserve(manager, plan.dispatch);
      await this.dispatcher.dispatch(manager, plan.dispatch);
      return this.answer('ACCEPTED');
    });
  }

  private answer(result: 'ACCEPTED' | 'REJECTED' | 'UNKNOWN_SESSION', text?: string) {
    return checkedOutbound(CommandResponseDto, {
      result,
      timeout: this.dispatcher.timeoutSeconds,
      ...(text ? { message: message(text) } : {}),
    });
  }

  private plan(
    manager: EntityManager,
    caller: OcpiCaller,
    kind: CommandType,
    body: never,
  ): Promise<Plan> {
    switch (kind) {
      case CommandType.START_SESSION:
        return this.startSession(caller, body as StartSessionDto);
      case CommandType.STOP_SESSION:
        return this.stopSession(manager, caller, body as StopSessionDto);
      case CommandType.RESERVE_NOW:
        return this.reserveNow(caller, body as ReserveNowDto);
      case CommandType.CANCEL_RESERVATION:
        return this.cancelReservation(manager, caller, body as CancelReservationDto);
      case CommandType.UNLOCK_CONNECTOR:
        return this.unlockConnector(caller, body as UnlockConnectorDto);
    }
  }

  /** The eMSP SHALL only use its own tokens [CMD › _StartSession_ Object]. */
  private tokenProblem(caller: OcpiCaller, token: TokenDto): string | undefined {
    if (!caller.owns(token.country_code, token.party_id, 'EMSP')) {
      return `token ${token.country_code}/${token.party_id} is not one of your eMSP roles`;
    }
    if (!fitsOcppIdTag(token.uid)) return `token uid ${token.uid} does not fit an OCPP idTag`;
    return undefined;
  }

  private async startSession(caller: OcpiCaller, body: StartSessionDto): Promise<Plan> {
    const problem = this.tokenProblem(caller, body.token);
    if (problem) return { reject: problem };
    const { target, locationId } = await this.places.target(
      body.location_id,
      { evseUid: body.evse_uid, connectorId: body.connector_id },
      { requireConnectorCapability: true },
    );
    if (!target.ok) return { reject: target.message };
    const owner = partyOf(body.token);
    return {
      dispatch: {
        partnerId: caller.partnerId,
        module: 'commands',
        kind: 'START_SESSION',
        stationId: target.stationId,
        ocppCommand: 'RemoteStartTransaction',
        payload: {
          idTag: body.token.uid,
          ...(target.connectorId !== undefined ? { connectorId: target.connectorId } : {}),
        },
        responseUrl: body.response_url,
        emsp: owner,
        request: body,
        ocpiStartSession: {
          token: {
            countryCode: owner.countryCode,
            partyId: owner.partyId,
            uid: body.token.uid,
            type: body.token.type,
            contractId: body.token.contract_id,
          },
          ...(body.authorization_reference
            ? { authorizationReference: body.authorization_reference }
            : {}),
          locationId,
          ...(target.evseUid ? { evseUid: target.evseUid } : {}),
          ...(body.connector_id ? { connectorId: body.connector_id } : {}),
        },
      },
    };
  }

  private async stopSession(
    manager: EntityManager,
    caller: OcpiCaller,
    body: StopSessionDto,
  ): Promise<Plan> {
    const session = await this.sessions.find(manager, body.session_id);
    const owned =
      session?.emspCountryCode &&
      session.emspPartyId &&
      caller.owns(session.emspCountryCode, session.emspPartyId, 'EMSP');
    if (!session || !owned) return { unknownSession: `unknown session ${body.session_id}` };
    if (!session.active) return { reject: `session ${body.session_id} has ended` };
    const transactionId = Number(session.transactionId);
    if (!Number.isInteger(transactionId)) {
      return { reject: `session ${body.session_id} has no OCPP 1.6 transaction id` };
    }
    return {
      dispatch: {
        partnerId: caller.partnerId,
        module: 'commands',
        kind: 'STOP_SESSION',
        stationId: session.stationId,
        ocppCommand: 'RemoteStopTransaction',
        payload: { transactionId },
        responseUrl: body.response_url,
        emsp: { countryCode: session.emspCountryCode!, partyId: session.emspPartyId! },
        sessionId: session.sessionId,
        request: body,
      },
    };
  }

  private async reserveNow(caller: OcpiCaller, body: ReserveNowDto): Promise<Plan> {
    const problem = this.tokenProblem(caller, body.token);
    if (problem) return { reject: problem };
    const { target, locationId } = await this.places.target(body.location_id, {
      evseUid: body.evse_uid,
    });
    if (!target.ok) return { reject: target.message };
    const owner = partyOf(body.token);
    return {
      dispatch: {
        partnerId: caller.partnerId,
        module: 'commands',
        kind: 'RESERVE_NOW',
        stationId: target.stationId,
        ocppCommand: 'ReserveNow',
        // reservationId is set by reserve() from our own sequence, never the eMSP's id
        payload: {
          connectorId: target.connectorId ?? 0,
          expiryDate: new Date(withZ(body.expiry_date)).toISOString(),
          idTag: body.token.uid,
          ...(groupTag(body.token.group_id) ? { parentIdTag: body.token.group_id } : {}),
        },
        responseUrl: body.response_url,
        emsp: owner,
        request: { ...body, location_id: locationId },
      },
    };
  }

  private async reserve(manager: EntityManager, d: DispatchCommand): Promise<void> {
    const body = d.request as ReserveNowDto;
    const reservationId = await this.reservations.upsert(
      manager,
      { ...d.emsp!, reservationId: body.reservation_id },
      {
        partnerId: d.partnerId,
        locationId: body.location_id,
        stationId: d.stationId,
        ocppConnectorId: d.payload.connectorId as number,
        expiryDate: d.payload.expiryDate as string,
      },
    );
    d.payload.reservationId = reservationId;
  }

  private async cancelReservation(
    manager: EntityManager,
    caller: OcpiCaller,
    body: CancelReservationDto,
  ): Promise<Plan> {
    for (const role of caller.roles.filter((r) => r.role.toUpperCase() === 'EMSP')) {
      const found = await this.reservations.find(manager, {
        countryCode: role.countryCode,
        partyId: role.partyId,
        reservationId: body.reservation_id,
      });
      if (!found) continue;
      return {
        dispatch: {
          partnerId: caller.partnerId,
          module: 'commands',
          kind: 'CANCEL_RESERVATION',
          stationId: found.stationId,
          ocppCommand: 'CancelReservation',
          payload: { reservationId: found.ocppReservationId },
          responseUrl: body.response_url,
          emsp: { countryCode: role.countryCode, partyId: role.partyId },
          request: body,
        },
      };
    }
    return { reject: `unknown reservation ${body.reservation_id}` };
  }

  private async unlockConnector(caller: OcpiCaller, body: UnlockConnectorDto): Promise<Plan> {
    const { target } = await this.places.target(body.location_id, {
      evseUid: body.evse_uid,
      connectorId: body.connector_id,
    });
    if (!target.ok || target.connectorId === undefined) {
      return { reject: target.ok ? 'no OCPP connector for this EVSE' : target.message };
    }
    return {
      dispatch: {
        partnerId: caller.partnerId,
        module: 'commands',
        kind: 'UNLOCK_CONNECTOR',
        stationId: target.stationId,
        ocppCommand: 'UnlockConnector',
        payload: { connectorId: target.connectorId },
        responseUrl: body.response_url,
        emsp: callerParty(caller),
        request: body,
      },
    };
  }
}

const partyOf = (token: TokenDto): Party => ({
  countryCode: token.country_code.toUpperCase(),
  partyId: token.party_id.toUpperCase(),
});

/** The caller's party for the result's routing headers: OCPI-from-*, else its first EMSP role. */
function callerParty(caller: OcpiCaller): Party | undefined {
  if (caller.from) return caller.from;
  const role = caller.roles.find((r) => r.role.toUpperCase() === 'EMSP');
  return role ? { countryCode: role.countryCode, partyId: role.partyId } : undefined;
}

const withZ = (v: string) => (v.endsWith('Z') ? v : `${v}Z`);
const groupTag = (g: unknown) => typeof g === 'string' && /^[\x20-\x7E]{1,20}$/.test(g);
