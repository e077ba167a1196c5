import { Type } from 'class-transformer';
import { IsInt, IsObject, IsUUID, Min, ValidateNested } from 'class-validator';
import { IsCurrencyCode, IsOcpiId, IsUtcDateTime, PriceV1 } from '../../common';
import { defineEvent } from '../../event-definition';
import { Topics } from '../../topics';

/** Live price of a running session. */
export class SessionCostUpdatedV1 {
  @IsUUID()
  sessionId: string;

  /** The session revision this price was computed from; consumers ignore older ones. */
  @IsInt()
  @Min(1)
  sessionRevision: number;

  @IsOcpiId()
  tariffId: string;

  @IsCurrencyCode()
  currency: string;

  /** Cost so far. */
  @IsObject()
  @ValidateNested()
  @Type(() => PriceV1)
  totalCost: PriceV1;

  @IsInt()
  @Min(0)
  energyWh: number;

  @IsUtcDateTime()
  calculatedAt: string;
}

export const SessionCostUpdatedV1Definition = defineEvent({
  topic: Topics.RatingSessionCostUpdated,
  schemaVersion: 1,
  dataClass: SessionCostUpdatedV1,
  keyField: 'sessionId',
  producers: ['tariff-rating'],
  consumers: ['ocpi-cpo', 'cdr-billing'],
  description:
    'Live (provisional) cost of a running session, recomputed on session updates; ocpi-cpo ' +
    'PATCHes total_cost of the OCPI Session. Keyed by sessionId.',
  example: {
    sessionId: '6a1f0c9e-3d2b-4f7a-8e15-b2c4d6e8f0a1',
    sessionRevision: 4,
    tariffId: 'TARIFF-AC-STANDARD',
    currency: 'EUR',
    totalCost: { exclVat: 1.3689, inclVat: 1.6564 },
    energyWh: 3_510,
    calculatedAt: '2025-03-14T09:46:00.412Z',
  },
});
