import { IsIn } from 'class-validator';
import { IsStationId, IsUtcDateTime } from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** OCPP 1.6 `DiagnosticsStatus`. */
export const DiagnosticsStatuses = ['Idle', 'Uploaded', 'UploadFailed', 'Uploading'] as const;
export type DiagnosticsStatus = (typeof DiagnosticsStatuses)[number];

/** DiagnosticsStatusNotification: progress of a diagnostics upload (GetDiagnostics). */
export class DiagnosticsStatusChangedV1 {
  @IsStationId()
  stationId: string;

  @IsIn(DiagnosticsStatuses)
  status: DiagnosticsStatus;

  @IsUtcDateTime()
  receivedAt: string;
}

export const DiagnosticsStatusChangedV1Definition = defineEvent({
  topic: Topics.OcppDiagnosticsStatusChanged,
  schemaVersion: 1,
  dataClass: DiagnosticsStatusChangedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['internal-subscribers'],
  description: 'DiagnosticsStatusNotification from a station: progress of a GetDiagnostics upload.',
  example: {
    stationId: 'CP-AMS-0042',
    status: 'Uploaded',
    receivedAt: '2025-03-14T09:40:12.503Z',
  },
});
