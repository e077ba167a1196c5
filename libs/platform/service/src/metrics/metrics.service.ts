import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
  Summary,
  type SummaryConfiguration,
} from 'prom-client';
import { SERVICE_MODULE_OPTIONS, type ServiceModuleOptions } from '../service.options';

/** Metric definitions without `registers`: the service's registry is always used. */
export type CounterDefinition<L extends string> = Omit<CounterConfiguration<L>, 'registers'>;
export type GaugeDefinition<L extends string> = Omit<GaugeConfiguration<L>, 'registers'>;
export type HistogramDefinition<L extends string> = Omit<HistogramConfiguration<L>, 'registers'>;
export type SummaryDefinition<L extends string> = Omit<SummaryConfiguration<L>, 'registers'>;

type MetricClass = typeof Counter | typeof Gauge | typeof Histogram | typeof Summary;

/**
 * The service's Prometheus registry (one per application, not prom-client's global one). Every
 * metric gets a `service` label. `counter`/`gauge`/`histogram`/`summary` are get-or-create, so
 * libraries can declare their metrics where they use them:
 *
 * ```ts
 * this.published = metrics.counter({ name: 'outbox_published_total', help: '...', labelNames: ['topic'] });
 * ```
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor(
    @Optional()
    @Inject(SERVICE_MODULE_OPTIONS)
    options: Pick<ServiceModuleOptions, 'serviceName' | 'defaultMetrics'> = {
      serviceName: 'unknown',
    },
  ) {
    this.registry.setDefaultLabels({ service: options.serviceName });
    if (options.defaultMetrics !== false) {
      collectDefaultMetrics({ register: this.registry });
    }
  }

  counter<L extends string = string>(definition: CounterDefinition<L>): Counter<L> {
    return this.getOrCreate(definition, Counter, () => new Counter<L>(this.bind(definition)));
  }

  gauge<L extends string = string>(definition: GaugeDefinition<L>): Gauge<L> {
    return this.getOrCreate(definition, Gauge, () => new Gauge<L>(this.bind(definition)));
  }

  histogram<L extends string = string>(definition: HistogramDefinition<L>): Histogram<L> {
    return this.getOrCreate(definition, Histogram, () => new Histogram<L>(this.bind(definition)));
  }

  summary<L extends string = string>(definition: SummaryDefinition<L>): Summary<L> {
    return this.getOrCreate(definition, Summary, () => new Summary<L>(this.bind(definition)));
  }

  /** `text/plain; version=0.0.4; charset=utf-8`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text served on `/metrics`. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  private bind<D extends object>(definition: D): D & { registers: Registry[] } {
    return { ...definition, registers: [this.registry] };
  }

  private getOrCreate<M>(
    definition: { name: string; labelNames?: readonly string[] },
    kind: MetricClass,
    create: () => M,
  ): M {
    const existing = this.registry.getSingleMetric(definition.name);
    if (!existing) {
      return create();
    }
    if (!(existing instanceof kind)) {
      throw new Error(`Metric "${definition.name}" is already registered as another metric type`);
    }
    const existingLabels = [...((existing as { labelNames?: string[] }).labelNames ?? [])].sort();
    const wantedLabels = [...(definition.labelNames ?? [])].sort();
    if (existingLabels.join(',') !== wantedLabels.join(',')) {
      throw new Error(
        `Metric "${definition.name}" is already registered with labels [${existingLabels.join(', ')}]`,
      );
    }
    return existing as M;
  }
}
