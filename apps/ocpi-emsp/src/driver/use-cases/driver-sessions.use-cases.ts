import { Injectable } from '@nestjs/common';
import {
  AmbiguousLocationError,
  ChargePointNotFoundError,
  DriverCommandNotFoundError,
  DriverSessionNotFoundError,
  DriverTokenBlockedError,
} from '../domain/driver-errors';
import { type DriverSessionView, toDriverSessionView } from '../domain/session-view';
import { DriverRepository } from '../persistence/driver.repository';
import { DriverReadRepository } from '../persistence/driver-read.repository';
import { DriverCommandGateway, type DriverCommandState } from './driver-command.gateway';
import { IssueDriverTokenUseCase } from './driver-tokens.use-cases';
import { GetDriverUseCase } from './drivers.use-cases';

const sameId = (a: unknown, b: string) =>
  typeof a === 'string' && a.toUpperCase() === b.toUpperCase();

export interface StartDriverSessionCommand {
  driverId: string;
  locationId: string;
  evseUid: string;
  connectorId: string;
}

/**
 * `POST /api/v1/sessions` (ADR 0072): the CPO partner holding the location, the driver's valid
 * APP_USER token (one is issued when the driver has none; a blocked one refuses → 409), then
 * START_SESSION through the Commands module. Answers the command id and its state.
 */
@Injectable()
export class StartDriverSessionUseCase {
  constructor(
    private readonly getDriver: GetDriverUseCase,
    private readonly read: DriverReadRepository,
    private readonly issueToken: IssueDriverTokenUseCase,
    private readonly drivers: DriverRepository,
    private readonly commands: DriverCommandGateway,
  ) {}

  async execute(command: StartDriverSessionCommand): Promise<DriverCommandState> {
    await this.getDriver.execute({ driverId: command.driverId });
    const copies = await this.read.locationsById(command.locationId);
    if (copies.length === 0) {
      throw new ChargePointNotFoundError(`Unknown location ${command.locationId}`);
    }
    if (copies.length > 1) {
      throw new AmbiguousLocationError(`Location ${command.locationId} is offered by several CPOs`);
    }
    const { partner_id: partnerId, object: location } = copies[0];
    const evse = (location.evses ?? []).find((e) => sameId(e.uid, command.evseUid));
    const connector = evse?.connectors?.find((c) => sameId(c.id, command.connectorId));
    if (!evse || !connector || evse.status === 'REMOVED') {
      throw new ChargePointNotFoundError(
        `Location ${command.locationId} has no EVSE ${command.evseUid} / connector ${command.connectorId}`,
      );
    }
    const token = await this.appToken(command.driverId);
    const state = await this.commands.send({
      partnerId,
      type: 'START_SESSION',
      requestedBy: `driver:${command.driverId}`,
      body: {
        token,
        location_id: location.id,
        evse_uid: evse.uid,
        connector_id: connector.id,
      },
    });
    await this.drivers.recordCommand({
      command_id: state.id,
      driver_id: command.driverId,
      type: 'START_SESSION',
      partner_id: partnerId,
      session_id: null,
    });
    return state;
  }

  /** The driver's valid APP_USER token (issued when the driver has none) as `{ uid, type }`. */
  private async appToken(driverId: string): Promise<{ uid: string; type: 'APP_USER' }> {
    const own = (await this.read.tokensOf(driverId)).filter((t) => t.type === 'APP_USER');
    const usable = own.find((t) => t.valid);
    if (!usable && own.length > 0) {
      throw new DriverTokenBlockedError('The driver’s app token is blocked');
    }
    const uid = usable?.uid ?? (await this.issueToken.execute({ driverId, type: 'APP_USER' })).uid;
    return { uid, type: 'APP_USER' };
  }
}

/** The driver's own received session (charged with one of the driver's tokens), else 404. */
@Injectable()
export class GetDriverSessionUseCase {
  constructor(
    private readonly getDriver: GetDriverUseCase,
    private readonly read: DriverReadRepository,
  ) {}

  async execute({ driverId, sessionId }: { driverId: string; sessionId: string }) {
    return toDriverSessionView((await this.find(driverId, sessionId)).object, new Date());
  }

  async find(driverId: string, sessionId: string) {
    await this.getDriver.execute({ driverId });
    const uids = (await this.read.tokensOf(driverId)).map((t) => t.uid);
    const found = uids.length ? await this.read.sessionsById(sessionId, uids) : [];
    if (found.length === 0) throw new DriverSessionNotFoundError(`Unknown session ${sessionId}`);
    return found[0];
  }
}

/** `POST /api/v1/sessions/{id}/stop`: STOP_SESSION to the CPO that reported the session. */
@Injectable()
export class StopDriverSessionUseCase {
  constructor(
    private readonly sessions: GetDriverSessionUseCase,
    private readonly drivers: DriverRepository,
    private readonly commands: DriverCommandGateway,
  ) {}

  async execute({ driverId, sessionId }: { driverId: string; sessionId: string }) {
    const { partner_id: partnerId, object } = await this.sessions.find(driverId, sessionId);
    const state = await this.commands.send({
      partnerId,
      type: 'STOP_SESSION',
      requestedBy: `driver:${driverId}`,
      body: { session_id: object.id },
    });
    await this.drivers.recordCommand({
      command_id: state.id,
      driver_id: driverId,
      type: 'STOP_SESSION',
      partner_id: partnerId,
      session_id: object.id,
    });
    return state;
  }
}

/** `GET /api/v1/commands/{id}?driver_id=`: a command the driver started, with its state. */
@Injectable()
export class GetDriverCommandUseCase {
  constructor(
    private readonly drivers: DriverRepository,
    private readonly commands: DriverCommandGateway,
  ) {}

  async execute({ driverId, commandId }: { driverId: string; commandId: string }) {
    const ref = await this.drivers.findCommand(commandId);
    const state = ref && ref.driver_id === driverId ? await this.commands.get(commandId) : null;
    if (!state) throw new DriverCommandNotFoundError(`Unknown command ${commandId}`);
    return state;
  }
}

export type { DriverSessionView };
