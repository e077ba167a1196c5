import { Injectable } from '@nestjs/common';
import type { CommandCompletedV1 } from '@voltlane/contracts-events';
import { applyCommandResult, type CommandResult } from '../../domain/remote-start';
import type { LifecycleTx } from '../lifecycle-tx';
import { PendingSessionEvents } from '../pending-session-events';
import type { EventCause } from '../session-tx';

/**
 * `ocpp.command.completed` of a RemoteStartTransaction: a rejection or failure makes its PENDING
 * session INVALID (published; never billed). A result that overtook its command (another topic) is
 * kept and applied when the command arrives.
 */
@Injectable()
export class RecordCommandResultUseCase {
  constructor(private readonly events: PendingSessionEvents) {}

  async execute(data: CommandCompletedV1, tx: LifecycleTx, cause?: EventCause): Promise<void> {
    if (data.command !== 'RemoteStartTransaction') return;
    const result: CommandResult = {
      outcome: data.outcome,
      completedAt: Date.parse(data.completedAt),
      ...(data.responseStatus !== undefined ? { responseStatus: data.responseStatus } : {}),
    };
    const pending = await tx.remoteStarts.lockByCommandId(data.commandId);
    if (!pending) {
      await tx.remoteStarts.saveEarlyResult(data.commandId, result);
      return;
    }
    const t = applyCommandResult(pending, result, tx.now);
    if (t.state === pending) return;
    const stored = this.events.stored(t.state);
    await tx.remoteStarts.save(stored);
    if (t.changed) this.events.invalidated(tx, stored, cause);
  }
}
