import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import {
  BootReasons,
  IsOptionalField,
  IsPrintableAscii,
  IsStationId,
  IsUtcDateTime,
  RegistrationStatuses,
  type BootReason,
  type RegistrationStatus,
} from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** A station sent BootNotification and the gateway answered it. */
export class StationBootedV1 {
  @IsStationId()
  stationId: string;

  @IsUUID('4')
  connectionId: string;

  /** OCPP 1.6 `chargePointVendor` (≤20) / 2.0.1 `vendorName` (≤50). */
  @IsPrintableAscii(50)
  chargePointVendor: string;

  /** OCPP `chargePointModel` / `model` (≤20). */
  @IsPrintableAscii(20)
  chargePointModel: string;

  @IsOptionalField()
  @IsPrintableAscii(25)
  chargePointSerialNumber?: string;

  @IsOptionalField()
  @IsPrintableAscii(25)
  chargeBoxSerialNumber?: string;

  @IsOptionalField()
  @IsPrintableAscii(50)
  firmwareVersion?: string;

  @IsOptionalField()
  @IsPrintableAscii(20)
  iccid?: string;

  @IsOptionalField()
  @IsPrintableAscii(20)
  imsi?: string;

  @IsOptionalField()
  @IsPrintableAscii(25)
  meterType?: string;

  @IsOptionalField()
  @IsPrintableAscii(25)
  meterSerialNumber?: string;

  /** OCPP 2.0.1 boot reason; absent for OCPP 1.6 stations. */
  @IsOptionalField()
  @IsIn(BootReasons)
  bootReason?: BootReason;

  /** The gateway's answer (BootNotification.conf `status`). */
  @IsIn(RegistrationStatuses)
  registrationStatus: RegistrationStatus;

  /** Heartbeat interval the gateway gave the station, in seconds. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  heartbeatIntervalSeconds: number;

  /** When the gateway accepted the BootNotification. */
  @IsUtcDateTime()
  bootedAt: string;
}

export const StationBootedV1Definition = defineEvent({
  topic: Topics.OcppStationBooted,
  schemaVersion: 1,
  dataClass: StationBootedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['ocpi-cpo', 'session-engine'],
  description:
    'A station sent BootNotification (it (re)started) and the gateway registered it. Transactions ' +
    'open before the boot may be stale; session-engine applies its stale-transaction policy.',
  example: {
    stationId: 'CP-AMS-0042',
    connectionId: '3f0c2a4e-8b1d-4f6a-9c2e-7d5b1a0e4c93',
    chargePointVendor: 'Alfen BV',
    chargePointModel: 'NG920-61023',
    chargePointSerialNumber: 'ACE0123456',
    firmwareVersion: '6.4.0-4212',
    registrationStatus: 'Accepted',
    heartbeatIntervalSeconds: 300,
    bootedAt: '2025-03-14T09:26:54.112Z',
  },
});
