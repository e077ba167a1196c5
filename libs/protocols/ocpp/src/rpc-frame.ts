import { RpcError } from './rpc-error-codes';

/** OCPP-J message type numbers (OCPP-J 1.6 section 4.1.3). */
export const MessageType = { Call: 2, CallResult: 3, CallError: 4 } as const;

export interface CallFrame {
  type: typeof MessageType.Call;
  messageId: string;
  action: string;
  payload: Record<string, unknown>;
}

export interface CallResultFrame {
  type: typeof MessageType.CallResult;
  messageId: string;
  payload: Record<string, unknown>;
}

export interface CallErrorFrame {
  type: typeof MessageType.CallError;
  messageId: string;
  errorCode: string;
  errorDescription: string;
  errorDetails: Record<string, unknown>;
}

export type RpcFrame = CallFrame | CallResultFrame | CallErrorFrame;

/** A frame that could not be parsed; `messageId` is set when the id could still be read. */
export interface FrameParseFailure {
  ok: false;
  messageId: string | null;
  /** True when the frame is a CALL (type 2) we could identify, so a CALLERROR must answer it. */
  answerable: boolean;
  error: RpcError;
}

export type FrameParseResult = { ok: true; frame: RpcFrame } | FrameParseFailure;

/** OCPP-J: the message id is a string of at most 36 characters. */
export const MAX_MESSAGE_ID_LENGTH = 36;
/** OCPP-J 1.6: CALLERROR errorDescription "should be filled in if possible"; we keep it short. */
export const MAX_ERROR_DESCRIPTION_LENGTH = 255;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failure(
  messageId: string | null,
  answerable: boolean,
  error: RpcError,
): FrameParseFailure {
  return { ok: false, messageId, answerable, error };
}

/**
 * Parses one WebSocket text message into an OCPP-J frame, strictly: a JSON array whose first element
 * is 2, 3 or 4, a non-empty string message id (≤36), and exactly the elements the type defines.
 * A CALL's payload must be a JSON object. Failures carry the CALLERROR to answer with, when the
 * message is a CALL whose id could be read (a broken CALLRESULT/CALLERROR gets no answer).
 */
export function parseFrame(text: string): FrameParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failure(null, false, new RpcError('FormatViolation', 'message is not valid JSON'));
  }
  if (!Array.isArray(value) || value.length === 0) {
    return failure(null, false, new RpcError('FormatViolation', 'message is not a JSON array'));
  }
  const [type, messageId] = value as unknown[];
  const idOk =
    typeof messageId === 'string' &&
    messageId.length > 0 &&
    messageId.length <= MAX_MESSAGE_ID_LENGTH;
  const id = idOk ? messageId : null;
  if (
    type !== MessageType.Call &&
    type !== MessageType.CallResult &&
    type !== MessageType.CallError
  ) {
    return failure(
      id,
      id !== null,
      new RpcError('ProtocolError', `unknown message type ${JSON.stringify(type)}`),
    );
  }
  if (id === null) {
    return failure(
      null,
      false,
      new RpcError(
        'FormatViolation',
        `message id must be a string of 1-${MAX_MESSAGE_ID_LENGTH} characters`,
      ),
    );
  }
  if (type === MessageType.Call) {
    const [, , action, payload] = value as unknown[];
    if (value.length < 4) {
      return failure(
        id,
        true,
        new RpcError('ProtocolError', 'CALL must be [2, messageId, action, payload]'),
      );
    }
    if (value.length > 4) {
      return failure(id, true, new RpcError('FormatViolation', 'CALL has more than 4 elements'));
    }
    if (typeof action !== 'string' || !/^[A-Za-z0-9]{1,64}$/.test(action)) {
      return failure(
        id,
        true,
        new RpcError('FormatViolation', 'CALL action must be an action name'),
      );
    }
    if (!isPlainObject(payload)) {
      return failure(
        id,
        true,
        new RpcError('FormatViolation', 'CALL payload must be a JSON object'),
      );
    }
    return { ok: true, frame: { type, messageId: id, action, payload } };
  }
  if (type === MessageType.CallResult) {
    const [, , payload] = value as unknown[];
    if (value.length !== 3 || !isPlainObject(payload)) {
      return failure(
        id,
        false,
        new RpcError('FormatViolation', 'CALLRESULT must be [3, messageId, {payload}]'),
      );
    }
    return { ok: true, frame: { type, messageId: id, payload } };
  }
  const [, , errorCode, errorDescription, errorDetails] = value as unknown[];
  if (
    value.length !== 5 ||
    typeof errorCode !== 'string' ||
    typeof errorDescription !== 'string' ||
    !isPlainObject(errorDetails)
  ) {
    return failure(
      id,
      false,
      new RpcError(
        'FormatViolation',
        'CALLERROR must be [4, messageId, code, description, {details}]',
      ),
    );
  }
  return { ok: true, frame: { type, messageId: id, errorCode, errorDescription, errorDetails } };
}

export function serializeCall(messageId: string, action: string, payload: object): string {
  return JSON.stringify([MessageType.Call, messageId, action, payload]);
}

export function serializeCallResult(messageId: string, payload: object): string {
  return JSON.stringify([MessageType.CallResult, messageId, payload]);
}

export function serializeCallError(
  messageId: string,
  errorCode: string,
  errorDescription: string,
  errorDetails: Record<string, unknown> = {},
): string {
  return JSON.stringify([
    MessageType.CallError,
    messageId,
    errorCode,
    errorDescription.slice(0, MAX_ERROR_DESCRIPTION_LENGTH),
    errorDetails,
  ]);
}
