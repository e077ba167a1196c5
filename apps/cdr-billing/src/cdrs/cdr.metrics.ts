import { Inject, Injectable, Optional } from '@nestjs/common';
import { MetricsService } from '@voltlane/platform-service';
import type { Counter } from 'prom-client';

export type CdrKind = 'ORIGINAL' | 'CREDIT' | 'CORRECTION';

/** `voltlane_cdrs_created_total{kind}`: original CDRs, and the credit + correction CDR pairs. */
@Injectable()
export class CdrMetrics {
  private readonly counter: Counter<'kind'> | null;

  constructor(@Optional() @Inject(MetricsService) metrics?: MetricsService | null) {
    this.counter = metrics
      ? metrics.counter<'kind'>({
          name: 'voltlane_cdrs_created_total',
          help: 'CDRs created, by kind (original, credit, correction)',
          labelNames: ['kind'],
        })
      : null;
  }

  created(kind: CdrKind): void {
    this.counter?.inc({ kind: kind.toLowerCase() });
  }
}
