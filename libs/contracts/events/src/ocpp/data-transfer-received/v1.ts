import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsOptionalField, IsPrintableAscii, IsStationId, IsUtcDateTime } from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** OCPP 1.6 `DataTransferStatus`. */
export const DataTransferStatuses = [
  'Accepted',
  'Rejected',
  'UnknownMessageId',
  'UnknownVendorId',
] as const;
export type DataTransferStatus = (typeof DataTransferStatuses)[number];

/** A station sent a vendor-specific DataTransfer. */
export class DataTransferReceivedV1 {
  @IsStationId()
  stationId: string;

  /** OCPP `vendorId` (≤255), identifies the vendor extension. */
  @IsPrintableAscii(255)
  vendorId: string;

  @IsOptionalField()
  @IsPrintableAscii(50)
  messageId?: string;

  /** The vendor data as sent (OCPP: text without a length limit). */
  @IsOptionalField()
  @IsString()
  @MaxLength(1_048_576)
  data?: string;

  /** What the gateway answered (`UnknownVendorId` while no vendor extension is implemented). */
  @IsIn(DataTransferStatuses)
  respondedStatus: DataTransferStatus;

  @IsUtcDateTime()
  receivedAt: string;
}

export const DataTransferReceivedV1Definition = defineEvent({
  topic: Topics.OcppDataTransferReceived,
  schemaVersion: 1,
  dataClass: DataTransferReceivedV1,
  keyField: 'stationId',
  producers: ['ocpp-gateway'],
  consumers: ['internal-subscribers'],
  description:
    'A station sent DataTransfer (vendor extension). Kept for vendor-specific integrations; the ' +
    'gateway itself implements no vendor extension yet.',
  example: {
    stationId: 'CP-AMS-0042',
    vendorId: 'com.alfen',
    messageId: 'SocReport',
    data: '{"soc":64}',
    respondedStatus: 'UnknownVendorId',
    receivedAt: '2025-03-14T09:40:12.503Z',
  },
});
