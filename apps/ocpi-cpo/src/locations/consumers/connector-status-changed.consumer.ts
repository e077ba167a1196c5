import { Injectable } from '@nestjs/common';
import { type ConnectorStatusChangedV1, Topics } from '@voltlane/contracts-events';
import type { InboundEvent } from '@voltlane/platform-kafka';
import type { TransactionScope } from '@voltlane/platform-persistence';
import { ConsumeEvent } from '@voltlane/platform-runtime';
import { UpdateEvseStatusUseCase } from '../use-cases/update-evse-status.use-case';

/** StatusNotification → OCPI EVSE status (+ EVSE PATCH to the eMSPs). */
@Injectable()
export class ConnectorStatusChangedConsumer {
  constructor(private readonly updateStatus: UpdateEvseStatusUseCase) {}

  @ConsumeEvent(Topics.OcppConnectorStatusChanged)
  handle(event: InboundEvent<ConnectorStatusChangedV1>, scope: TransactionScope): Promise<void> {
    const { data, correlationId } = event.envelope;
    return this.updateStatus.execute(data, scope.manager, correlationId);
  }
}
