import { Type } from 'class-transformer';
import { IsIn, IsObject, IsUUID, ValidateNested } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import {
  IsBoundedString,
  IsOptionalField,
  IsPrintableAscii,
  IsServiceName,
  IsStationId,
  IsUtcDateTime,
  OcppCommands,
  type OcppCommand,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** How a command ended: the station answered (see `responseStatus`), refused it with a CALLERROR,
 *  did not answer in time, or was not connected before the command expired. `InvalidResponse`: the
 *  station's answer broke the official `<Action>.conf` schema (or the OCPP-J framing); `response`
 *  then carries the payload as received, when it was a JSON object, and `error` the violation. */
export const CommandOutcomes = [
  'Responded',
  'CallError',
  'Timeout',
  'StationOffline',
  'InvalidResponse',
] as const;
export type CommandOutcome = (typeof CommandOutcomes)[number];

export class CommandErrorV1 {
  /** OCPP CALLERROR code (e.g. `NotSupported`, `FormatViolation`) or a gateway code. */
  @IsPrintableAscii(100)
  code: string;

  @IsBoundedString(1000)
  description: string;
}

export class CommandCompletedV1 {
  @IsUUID('4')
  commandId: string;

  @IsStationId()
  stationId: string;

  @IsIn(OcppCommands)
  command: OcppCommand;

  @IsServiceName()
  requester: string;

  @IsOptionalField()
  @IsPrintableAscii(255)
  requesterReference?: string;

  @IsIn(CommandOutcomes)
  outcome: CommandOutcome;

  /** `status` of the station's confirmation (e.g. `Accepted`, `Rejected`, `Unlocked`). */
  @IsOptionalField()
  @IsPrintableAscii(50)
  responseStatus?: string;

  /** The station's full confirmation payload, when it answered. */
  @IsOptionalField()
  @IsObject()
  @JSONSchema({ description: 'OCPP confirmation payload', additionalProperties: true })
  response?: Record<string, unknown>;

  /** Set for `CallError`, `InvalidResponse` and `Timeout`/`StationOffline` (gateway codes). */
  @IsOptionalField()
  @IsObject()
  @ValidateNested()
  @Type(() => CommandErrorV1)
  error?: CommandErrorV1;

  @IsUtcDateTime()
  completedAt: string;
}

export const CommandCompletedV1Definition = defineEvent({
  topic: Topics.OcppCommandCompleted,
  schemaVersion: 1,
  dataClass: CommandCompletedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['ocpi-cpo', 'session-engine'],
  description:
    'Result of an ocpp.command.requested: the station answer, a CALLERROR, a timeout, or the ' +
    'station being offline. The requester matches it by commandId (e.g. to POST an OCPI CommandResult).',
  example: {
    commandId: '0b7e5f3c-52a1-4e0d-8f77-2c1d9a6b4e10',
    stationId: 'CP-AMS-0042',
    command: 'RemoteStartTransaction',
    requester: 'ocpi-cpo',
    requesterReference: 'ocpi-command-2025-000731',
    outcome: 'Responded',
    responseStatus: 'Accepted',
    response: { status: 'Accepted' },
    completedAt: '2025-03-14T09:30:42.016Z',
  },
});
