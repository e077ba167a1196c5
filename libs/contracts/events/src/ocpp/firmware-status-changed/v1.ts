import { IsIn } from 'class-validator';
import { IsStationId, IsUtcDateTime } from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** OCPP 1.6 `FirmwareStatus`. */
export const FirmwareStatuses = [
  'Downloaded',
  'DownloadFailed',
  'Downloading',
  'Idle',
  'InstallationFailed',
  'Installing',
  'Installed',
] as const;
export type FirmwareStatus = (typeof FirmwareStatuses)[number];

/** FirmwareStatusNotification: progress of a firmware update (UpdateFirmware). */
export class FirmwareStatusChangedV1 {
  @IsStationId()
  stationId: string;

  @IsIn(FirmwareStatuses)
  status: FirmwareStatus;

  @IsUtcDateTime()
  receivedAt: string;
}

export const FirmwareStatusChangedV1Definition = defineEvent({
  topic: Topics.OcppFirmwareStatusChanged,
  schemaVersion: 1,
  dataClass: FirmwareStatusChangedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['internal-subscribers'],
  description: 'FirmwareStatusNotification from a station: progress of an UpdateFirmware.',
  example: {
    stationId: 'CP-AMS-0042',
    status: 'Installed',
    receivedAt: '2025-03-14T09:40:12.503Z',
  },
});
