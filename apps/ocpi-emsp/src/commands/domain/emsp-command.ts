import { CommandResponseType, type CommandResultType, CommandType } from '@voltlane/protocols-ocpi';

/**
 * Pure rules of a command we send to a CPO (ADR 0071). `state` is the latest word on it:
 * `REQUESTED` (sent, no CommandResponse recorded yet) → the CommandResponse's result (`ACCEPTED`
 * waits for a CommandResult; `REJECTED` / `NOT_SUPPORTED` / `UNKNOWN_SESSION` are final) → the
 * CommandResult's result, or `TIMEOUT` when none came in time; `SEND_FAILED` when the CPO gave no
 * valid CommandResponse. A command is final once `completedAt` is set.
 */
export type CommandState =
  'REQUESTED' | 'SEND_FAILED' | `${CommandResponseType}` | `${CommandResultType}`;

export const COMMAND_TYPES: readonly string[] = Object.values(CommandType);

/** CommandResponse results after which the CPO sends no CommandResult. */
const REFUSALS: readonly string[] = [
  CommandResponseType.REJECTED,
  CommandResponseType.NOT_SUPPORTED,
  CommandResponseType.UNKNOWN_SESSION,
];

export interface CommandResponseJson {
  result: `${CommandResponseType}`;
  timeout: number;
  message?: { language: string; text: string }[] | null;
}

export interface CommandResultJson {
  result: `${CommandResultType}`;
  message?: { language: string; text: string }[] | null;
}

export interface EmspCommand {
  id: string;
  partnerId: string;
  type: CommandType;
  state: CommandState;
  request: Record<string, unknown>;
  requestedBy: string | null;
  response: CommandResponseJson | null;
  result: CommandResultJson | null;
  error: string | null;
  createdAt: Date;
  respondedAt: Date | null;
  completedAt: Date | null;
  deadlineAt: Date;
}

/** Our `response_url` for one command: unique per command, typed like the CPO's endpoint. */
export function commandResponseUrl(commandsUrl: string, type: string, id: string): string {
  return `${commandsUrl.replace(/\/+$/, '')}/${type}/${id}`;
}

/** How long a command may stay REQUESTED (the synchronous POST has its own, shorter bound). */
export const REQUESTED_DEADLINE_SECONDS = 120;

/** What recording the CPO's CommandResponse changes. */
export function applyResponse(
  command: Pick<EmspCommand, 'state' | 'result' | 'completedAt' | 'deadlineAt'>,
  response: CommandResponseJson,
  now: Date,
  graceSeconds: number,
): Pick<EmspCommand, 'state' | 'completedAt' | 'deadlineAt'> {
  if (command.result || command.state !== 'REQUESTED') {
    // The CommandResult (or our timeout) overtook the synchronous answer: it stays the word.
    return {
      state: command.state,
      completedAt: command.completedAt,
      deadlineAt: command.deadlineAt,
    };
  }
  if (response.result === CommandResponseType.ACCEPTED) {
    const waitMs = (Math.max(0, response.timeout) + Math.max(0, graceSeconds)) * 1000;
    return { state: 'ACCEPTED', completedAt: null, deadlineAt: new Date(now.getTime() + waitMs) };
  }
  return { state: response.result, completedAt: now, deadlineAt: command.deadlineAt };
}

export type ResultDecision =
  | { kind: 'record'; state: CommandState }
  /** A result was recorded already (a CPO retry): acknowledged, not changed. */
  | { kind: 'duplicate' }
  /** The CPO refused the command in its CommandResponse: no result belongs to it. */
  | { kind: 'refused' };

/**
 * A CommandResult POSTed to our response_url. The first one wins; it is recorded even after our
 * own TIMEOUT (a session may still start, ocpi/ocpi#475: the CPO's word beats our guess) and
 * before the synchronous CommandResponse was recorded (the CPO may be that fast).
 */
export function decideResult(
  command: Pick<EmspCommand, 'state' | 'result' | 'response'>,
  result: CommandResultJson,
): ResultDecision {
  if (command.result) return { kind: 'duplicate' };
  if (command.response && REFUSALS.includes(command.response.result)) return { kind: 'refused' };
  return { kind: 'record', state: result.result };
}

/** Whether the command still waits for something (a CommandResponse or a CommandResult). */
export const isOpen = (command: Pick<EmspCommand, 'completedAt'>): boolean =>
  command.completedAt === null;
