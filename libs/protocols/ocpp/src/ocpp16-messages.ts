/** OCPP 1.6 payload types of the station → CSMS messages (shapes of the official schemas). */

export type IdTagStatus16 = 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';

export interface IdTagInfo16 {
  status: IdTagStatus16;
  expiryDate?: string;
  parentIdTag?: string;
}

export interface BootNotificationReq16 {
  chargePointVendor: string;
  chargePointModel: string;
  chargePointSerialNumber?: string;
  chargeBoxSerialNumber?: string;
  firmwareVersion?: string;
  iccid?: string;
  imsi?: string;
  meterType?: string;
  meterSerialNumber?: string;
}

export interface BootNotificationConf16 {
  status: 'Accepted' | 'Pending' | 'Rejected';
  currentTime: string;
  interval: number;
}

export interface StatusNotificationReq16 {
  connectorId: number;
  errorCode: string;
  info?: string;
  status: string;
  timestamp?: string;
  vendorId?: string;
  vendorErrorCode?: string;
}

export interface AuthorizeReq16 {
  idTag: string;
}

export interface SampledValue16 {
  value: string;
  context?: string;
  format?: 'Raw' | 'SignedData';
  measurand?: string;
  phase?: string;
  location?: string;
  unit?: string;
}

export interface MeterValue16 {
  timestamp: string;
  sampledValue: SampledValue16[];
}

export interface StartTransactionReq16 {
  connectorId: number;
  idTag: string;
  meterStart: number;
  reservationId?: number;
  timestamp: string;
}

export interface MeterValuesReq16 {
  connectorId: number;
  transactionId?: number;
  meterValue: MeterValue16[];
}

export interface StopTransactionReq16 {
  idTag?: string;
  meterStop: number;
  timestamp: string;
  transactionId: number;
  reason?: string;
  transactionData?: MeterValue16[];
}

export interface DataTransferReq16 {
  vendorId: string;
  messageId?: string;
  data?: string;
}

export interface DiagnosticsStatusNotificationReq16 {
  status: 'Idle' | 'Uploaded' | 'UploadFailed' | 'Uploading';
}

export interface FirmwareStatusNotificationReq16 {
  status: string;
}

/** Station → CSMS actions of OCPP 1.6 (core, firmware management, diagnostics). */
export const Ocpp16StationActions = [
  'Authorize',
  'BootNotification',
  'DataTransfer',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'StartTransaction',
  'StatusNotification',
  'StopTransaction',
] as const;
export type Ocpp16StationAction = (typeof Ocpp16StationActions)[number];
