/** OCPI 2.2.1 enumerations of the Commands module (mod_commands, Data types). */

/** OCPI `CommandType` enum: the `{command}` path segment of the CPO's Receiver endpoint. */
export enum CommandType {
  CANCEL_RESERVATION = 'CANCEL_RESERVATION',
  RESERVE_NOW = 'RESERVE_NOW',
  START_SESSION = 'START_SESSION',
  STOP_SESSION = 'STOP_SESSION',
  UNLOCK_CONNECTOR = 'UNLOCK_CONNECTOR',
}

/** OCPI `CommandResponseType` enum: the CPO's synchronous answer. */
export enum CommandResponseType {
  NOT_SUPPORTED = 'NOT_SUPPORTED',
  REJECTED = 'REJECTED',
  ACCEPTED = 'ACCEPTED',
  UNKNOWN_SESSION = 'UNKNOWN_SESSION',
}

/** OCPI `CommandResultType` enum: the Charge Point's asynchronous result. */
export enum CommandResultType {
  ACCEPTED = 'ACCEPTED',
  CANCELED_RESERVATION = 'CANCELED_RESERVATION',
  EVSE_OCCUPIED = 'EVSE_OCCUPIED',
  EVSE_INOPERATIVE = 'EVSE_INOPERATIVE',
  FAILED = 'FAILED',
  NOT_SUPPORTED = 'NOT_SUPPORTED',
  REJECTED = 'REJECTED',
  TIMEOUT = 'TIMEOUT',
  UNKNOWN_RESERVATION = 'UNKNOWN_RESERVATION',
}
