import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  OCPI_PARTY_OPTIONS,
  OcpiClient,
  type OcpiPartyOptions,
  OcpiPartyUrls,
  PartnerDirectory,
} from '@voltlane/ocpi-core';
import { createLogger, ValidationFailedError } from '@voltlane/platform-core';
import {
  CommandResponseDto,
  CommandType,
  validateCommandRequest,
  validateOcpi,
} from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import { OcpiEmspEnv } from '../../config/ocpi-emsp.env';
import { correlationIdNow } from '../../shared/use-cases/correlation';
import { EmspTokenRepository } from '../../tokens/persistence/emsp-token.repository';
import {
  CommandPartnerNotFoundError,
  CommandPartnerUnavailableError,
  CommandTokenBlockedError,
  CommandTokenNotFoundError,
} from '../domain/command.errors';
import {
  applyResponse,
  COMMAND_TYPES,
  type CommandResponseJson,
  commandResponseUrl,
  type EmspCommand,
  REQUESTED_DEADLINE_SECONDS,
} from '../domain/emsp-command';
import { EmspCommandRepository } from '../persistence/emsp-command.repository';
import { type CommandView, commandView } from './command.view';

export interface SendCommandInput {
  partnerId: string;
  /** START_SESSION, STOP_SESSION, RESERVE_NOW, CANCEL_RESERVATION or UNLOCK_CONNECTOR. */
  type: string;
  /**
   * The OCPI command object without `response_url` (ours is set). START_SESSION / RESERVE_NOW:
   * `token` names one of our tokens by `{ uid, type? (default RFID) }`; its full stored Token is
   * sent (other token fields in the input are ignored).
   */
  body: Record<string, unknown>;
  /** Who asked (operator, `driver:<id>`), kept for the record. */
  requestedBy?: string;
  /** The CPO party to address when the partner presents several CPO roles (default: its first). */
  to?: { countryCode: string; partyId: string };
}

const WITH_TOKEN: readonly string[] = [CommandType.START_SESSION, CommandType.RESERVE_NOW];

/**
 * Sends one OCPI command to a CPO partner (ADR 0071): stores it (REQUESTED, committed before the
 * POST so a fast CommandResult finds it), POSTs `{commands}/{TYPE}` with our unique `response_url`
 * and records the synchronous CommandResponse (its `timeout` + grace is the deadline for the
 * CommandResult). Not retried (mod_commands: commands are not to be repeated blindly); a send
 * without a valid CommandResponse ends as SEND_FAILED.
 */
@Injectable()
export class SendCommandUseCase {
  private readonly logger = createLogger('ocpi-emsp', 'SendCommand');
  private readonly commandsUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: EmspCommandRepository,
    private readonly tokens: EmspTokenRepository,
    private readonly partners: PartnerDirectory,
    private readonly client: OcpiClient,
    private readonly env: OcpiEmspEnv,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {
    this.commandsUrl = new OcpiPartyUrls(party).moduleUrl('commands');
  }

  async execute(input: SendCommandInput): Promise<CommandView> {
    if (!COMMAND_TYPES.includes(input.type)) {
      throw new ValidationFailedError('Invalid command', [
        `type: must be one of ${COMMAND_TYPES.join(', ')}`,
      ]);
    }
    if (typeof input.body !== 'object' || input.body === null || Array.isArray(input.body)) {
      throw new ValidationFailedError('Invalid command', ['body: must be a JSON object']);
    }
    const to = await this.cpoParty(input);
    const id = randomUUID();
    const body: Record<string, unknown> = {
      ...input.body,
      response_url: commandResponseUrl(this.commandsUrl, input.type, id),
    };
    if (WITH_TOKEN.includes(input.type)) body.token = await this.ourToken(body.token);
    const checked = validateCommandRequest(input.type, body);
    if (!checked.ok) throw new ValidationFailedError('Invalid command', checked.violations);

    const now = new Date();
    const command: EmspCommand = {
      id,
      partnerId: input.partnerId,
      type: input.type as CommandType,
      state: 'REQUESTED',
      request: body,
      requestedBy: input.requestedBy ?? null,
      response: null,
      result: null,
      error: null,
      createdAt: now,
      respondedAt: null,
      completedAt: null,
      deadlineAt: new Date(now.getTime() + REQUESTED_DEADLINE_SECONDS * 1000),
    };
    await this.commands.insert(command);

    const answer = await this.client.request<unknown>(input.partnerId, {
      module: 'commands',
      interfaceRole: 'RECEIVER',
      method: 'POST',
      path: input.type,
      body,
      to,
      correlationId: correlationIdNow(),
    });
    const response = answer.ok ? validateOcpi(CommandResponseDto, answer.data) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const current = await this.commands.lockAndFind(manager, id);
      if (!current) return;
      const at = new Date();
      if (response?.ok) {
        const json = JSON.parse(JSON.stringify(response.value)) as CommandResponseJson;
        await this.commands.update(manager, id, {
          response: json,
          respondedAt: at,
          ...applyResponse(current, json, at, this.env.OCPI_COMMAND_RESULT_GRACE_SECONDS),
        });
        return;
      }
      const error = answer.ok
        ? `invalid CommandResponse: ${response?.violations.join('; ')}`
        : (answer.error ??
          `HTTP ${answer.httpStatus}, OCPI ${answer.ocpiStatus ?? '-'} ${answer.statusMessage ?? ''}`.trim());
      this.logger.warn('command not accepted for delivery', {
        commandId: id,
        partnerId: input.partnerId,
        type: input.type,
        error,
      });
      if (current.state === 'REQUESTED' && !current.result) {
        await this.commands.update(manager, id, { state: 'SEND_FAILED', error, completedAt: at });
      } else {
        await this.commands.update(manager, id, { error });
      }
    });
    const stored = await this.commands.find(id);
    return commandView(stored as EmspCommand);
  }

  /** The partner's CPO party to address; the partner must be registered with a commands Receiver. */
  private async cpoParty(
    input: SendCommandInput,
  ): Promise<{ countryCode: string; partyId: string }> {
    const partner = await this.partners.findById(input.partnerId);
    const cpos = partner?.roles.filter((r) => r.role.toUpperCase() === 'CPO') ?? [];
    if (!partner || cpos.length === 0) {
      throw new CommandPartnerNotFoundError(`No CPO partner ${input.partnerId}`);
    }
    if (partner.status !== 'REGISTERED') {
      throw new CommandPartnerUnavailableError(`Partner ${input.partnerId} is not registered`);
    }
    if (!partner.endpoints.some((e) => e.identifier === 'commands' && e.role === 'RECEIVER')) {
      throw new CommandPartnerUnavailableError(
        `Partner ${input.partnerId} offers no commands Receiver endpoint`,
      );
    }
    if (!input.to) return { countryCode: cpos[0].countryCode, partyId: cpos[0].partyId };
    const match = cpos.find(
      (r) =>
        r.countryCode.toUpperCase() === input.to!.countryCode.toUpperCase() &&
        r.partyId.toUpperCase() === input.to!.partyId.toUpperCase(),
    );
    if (!match) {
      throw new CommandPartnerNotFoundError(
        `Partner ${input.partnerId} presents no CPO ${input.to.countryCode}/${input.to.partyId}`,
      );
    }
    return { countryCode: match.countryCode, partyId: match.partyId };
  }

  /** Our full stored Token for `{ uid, type }`; blocked tokens start nothing. */
  private async ourToken(ref: unknown): Promise<unknown> {
    const wanted = ref as { uid?: unknown; type?: unknown } | undefined;
    if (!wanted || typeof wanted.uid !== 'string') {
      throw new ValidationFailedError('Invalid command', ['token.uid: one of our token uids']);
    }
    const type = typeof wanted.type === 'string' ? wanted.type : 'RFID';
    const found = await this.tokens.find(wanted.uid, type, {
      countryCode: this.party.countryCode,
      partyId: this.party.partyId,
    });
    if (!found) throw new CommandTokenNotFoundError(`Unknown token ${wanted.uid} (${type})`);
    if (!found.token.valid) throw new CommandTokenBlockedError(`Token ${wanted.uid} is blocked`);
    return found.token;
  }
}
