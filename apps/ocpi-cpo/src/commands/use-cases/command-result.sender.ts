import { Injectable } from '@nestjs/common';
import { OcpiPushQueue } from '@voltlane/ocpi-core';
import {
  ActiveChargingProfileResultDto,
  ChargingProfileResultDto,
  ClearProfileResultDto,
  CommandResultDto,
} from '@voltlane/protocols-ocpi';
import type { EntityManager } from 'typeorm';
import { type CommandOutcome, resultBody } from '../domain/command-results';
import { RemoteCommandRepository } from '../persistence/remote-command.repository';
import { checkedOutbound } from './ocpi-answers';

const RESULT_CLASSES = {
  GET_ACTIVE_PROFILE: ActiveChargingProfileResultDto,
  SET_PROFILE: ChargingProfileResultDto,
  CLEAR_PROFILE: ClearProfileResultDto,
} as const;

/**
 * Answers a waiting command once: marks it answered (conditional update, so the station's result
 * and the sweeper's TIMEOUT never both go out) and enqueues the result POST to its `response_url`
 * through the push queue (absolute URL, routing headers to the eMSP), in the caller's transaction.
 */
@Injectable()
export class CommandResultSender {
  constructor(
    private readonly commands: RemoteCommandRepository,
    private readonly push: OcpiPushQueue,
  ) {}

  /** Returns the body sent, or null when the command is unknown or was answered already. */
  async answer(
    manager: EntityManager,
    commandId: string,
    outcome: CommandOutcome,
    correlationId?: string,
  ): Promise<Record<string, unknown> | null> {
    const command = await this.commands.claimAnswer(manager, commandId);
    if (!command) return null;
    const body = resultBody(command.kind, outcome, new Date());
    const dto =
      command.kind in RESULT_CLASSES
        ? RESULT_CLASSES[command.kind as keyof typeof RESULT_CLASSES]
        : CommandResultDto;
    checkedOutbound(dto as new () => object, body);
    await this.commands.saveResult(manager, commandId, body);
    await this.push.enqueue(manager, [
      {
        partnerId: command.partnerId,
        module: command.module,
        objectKey: `command:${commandId}`,
        method: 'POST',
        url: command.responseUrl,
        body,
        correlationId,
        to: command.emsp,
      },
    ]);
    return body;
  }
}
