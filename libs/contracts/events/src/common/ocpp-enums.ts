/**
 * OCPP enumerations as they appear in events. Values are OCPP 1.6 names; where OCPP 2.0.1 adds a
 * value the gateway maps onto (e.g. `Occupied`), it is listed too. The gateway normalises every
 * incoming message to these values before it publishes.
 */

export const OcppProtocols = ['ocpp1.6', 'ocpp2.0.1'] as const;
export type OcppProtocol = (typeof OcppProtocols)[number];

/** OCPP 1.6 `ChargePointStatus` plus OCPP 2.0.1 `Occupied`. */
export const ConnectorStatuses = [
  'Available',
  'Preparing',
  'Charging',
  'SuspendedEVSE',
  'SuspendedEV',
  'Finishing',
  'Reserved',
  'Unavailable',
  'Faulted',
  'Occupied',
] as const;
export type ConnectorStatus = (typeof ConnectorStatuses)[number];

/** OCPP 1.6 `ChargePointErrorCode`. */
export const ConnectorErrorCodes = [
  'ConnectorLockFailure',
  'EVCommunicationError',
  'GroundFailure',
  'HighTemperature',
  'InternalError',
  'LocalListConflict',
  'NoError',
  'OtherError',
  'OverCurrentFailure',
  'OverVoltage',
  'PowerMeterFailure',
  'PowerSwitchFailure',
  'ReaderFailure',
  'ResetFailure',
  'UnderVoltage',
  'WeakSignal',
] as const;
export type ConnectorErrorCode = (typeof ConnectorErrorCodes)[number];

/** OCPP 1.6 `AuthorizationStatus` (`IdTagInfo.status`). */
export const AuthorizationStatuses = [
  'Accepted',
  'Blocked',
  'Expired',
  'Invalid',
  'ConcurrentTx',
] as const;
export type AuthorizationStatus = (typeof AuthorizationStatuses)[number];

/** OCPP 1.6 `RegistrationStatus` (BootNotification.conf). */
export const RegistrationStatuses = ['Accepted', 'Pending', 'Rejected'] as const;
export type RegistrationStatus = (typeof RegistrationStatuses)[number];

/** OCPP 2.0.1 `BootReasonEnumType`. */
export const BootReasons = [
  'ApplicationReset',
  'FirmwareUpdate',
  'LocalReset',
  'PowerUp',
  'RemoteReset',
  'ScheduledReset',
  'Triggered',
  'Unknown',
  'Watchdog',
] as const;
export type BootReason = (typeof BootReasons)[number];

/** OCPP 1.6 `Reason` (StopTransaction.req); an absent reason is normalised to `Local`. */
export const StopReasons = [
  'DeAuthorized',
  'EmergencyStop',
  'EVDisconnected',
  'HardReset',
  'Local',
  'Other',
  'PowerLoss',
  'Reboot',
  'Remote',
  'SoftReset',
  'UnlockCommand',
] as const;
export type StopReason = (typeof StopReasons)[number];

/** OCPP 1.6 `Measurand`. */
export const Measurands = [
  'Current.Export',
  'Current.Import',
  'Current.Offered',
  'Energy.Active.Export.Register',
  'Energy.Active.Import.Register',
  'Energy.Reactive.Export.Register',
  'Energy.Reactive.Import.Register',
  'Energy.Active.Export.Interval',
  'Energy.Active.Import.Interval',
  'Energy.Reactive.Export.Interval',
  'Energy.Reactive.Import.Interval',
  'Frequency',
  'Power.Active.Export',
  'Power.Active.Import',
  'Power.Factor',
  'Power.Offered',
  'Power.Reactive.Export',
  'Power.Reactive.Import',
  'RPM',
  'SoC',
  'Temperature',
  'Voltage',
] as const;
export type Measurand = (typeof Measurands)[number];

/** OCPP 1.6 `Phase`. */
export const Phases = [
  'L1',
  'L2',
  'L3',
  'N',
  'L1-N',
  'L2-N',
  'L3-N',
  'L1-L2',
  'L2-L3',
  'L3-L1',
] as const;
export type Phase = (typeof Phases)[number];

/** OCPP 1.6 `UnitOfMeasure` (the spec's misspelt `Celcius` is normalised to `Celsius`). */
export const UnitsOfMeasure = [
  'Wh',
  'kWh',
  'varh',
  'kvarh',
  'W',
  'kW',
  'VA',
  'kVA',
  'var',
  'kvar',
  'A',
  'V',
  'Celsius',
  'Fahrenheit',
  'K',
  'Percent',
] as const;
export type UnitOfMeasure = (typeof UnitsOfMeasure)[number];

/** OCPP 1.6 `ReadingContext`. */
export const ReadingContexts = [
  'Interruption.Begin',
  'Interruption.End',
  'Other',
  'Sample.Clock',
  'Sample.Periodic',
  'Transaction.Begin',
  'Transaction.End',
  'Trigger',
] as const;
export type ReadingContext = (typeof ReadingContexts)[number];

/** OCPP 1.6 `Location` of a measurement. */
export const MeasurementLocations = ['Body', 'Cable', 'EV', 'Inlet', 'Outlet'] as const;
export type MeasurementLocation = (typeof MeasurementLocations)[number];

/** CSMS-initiated OCPP 1.6 actions that other services may request through the gateway. */
export const OcppCommands = [
  'CancelReservation',
  'ChangeAvailability',
  'ChangeConfiguration',
  'ClearCache',
  'ClearChargingProfile',
  'DataTransfer',
  'GetCompositeSchedule',
  'GetConfiguration',
  'GetDiagnostics',
  'GetLocalListVersion',
  'RemoteStartTransaction',
  'RemoteStopTransaction',
  'ReserveNow',
  'Reset',
  'SendLocalList',
  'SetChargingProfile',
  'TriggerMessage',
  'UnlockConnector',
  'UpdateFirmware',
] as const;
export type OcppCommand = (typeof OcppCommands)[number];
