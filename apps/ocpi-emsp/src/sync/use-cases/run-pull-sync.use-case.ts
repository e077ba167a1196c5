import { Inject, Injectable } from '@nestjs/common';
import {
  OCPI_PARTY_OPTIONS,
  OcpiCallerContext,
  OcpiClient,
  OcpiException,
  type OcpiPartner,
  type OcpiPartyOptions,
  PartnerDirectory,
} from '@voltlane/ocpi-core';
import { ConflictError, createLogger, NotFoundError } from '@voltlane/platform-core';
import {
  CdrDto,
  LocationDto,
  nextPageUrl,
  OcpiSession,
  TariffDto,
  validateOcpiList,
} from '@voltlane/protocols-ocpi';
import { DataSource } from 'typeorm';
import { OcpiEmspEnv } from '../../config/ocpi-emsp.env';
import { ReceiveCdrUseCase } from '../../cdrs/use-cases/receive-cdr.use-case';
import type { LocationJson } from '../../locations/domain/received-location';
import { PutLocationObjectUseCase } from '../../locations/use-cases/put-location-object.use-case';
import { PutSessionUseCase } from '../../sessions/use-cases/put-session.use-case';
import { PutTariffUseCase } from '../../tariffs/use-cases/put-tariff.use-case';
import {
  firstPageQuery,
  followable,
  MAX_PAGES,
  nextRunAt,
  nextWatermark,
  ownedByPartner,
  SYNC_MODULES,
  type SyncModule,
} from '../domain/pull-sync';
import { PullSyncStateRepository } from '../persistence/pull-sync-state.repository';

export interface ModuleSyncOutcome {
  module: SyncModule;
  status: 'ok' | 'failed' | 'not_offered';
  pages: number;
  /** Valid objects handed to the use cases (new, changed or already known). */
  received: number;
  /** Objects skipped: invalid, not owned by the partner's CPO roles, or refused by the use case. */
  invalid: number;
  error?: string;
}

export interface PullSyncOutcome {
  partner_id: string;
  started_at: string;
  modules: ModuleSyncOutcome[];
}

const DTO = { locations: LocationDto, tariffs: TariffDto, sessions: OcpiSession, cdrs: CdrDto };

/**
 * Pull sync of one CPO partner (ADR 0071): GETs its Sender endpoints of locations, tariffs,
 * sessions and cdrs with `date_from` = the module's watermark, follows `Link` to the end,
 * validates every object (invalid ones are logged and skipped) and feeds the valid ones into the
 * same use cases the Receiver endpoints use — so what a lost push left out is stored (and
 * published) exactly once. The watermark moves only after a module's crawl completed. One run per
 * partner at a time across replicas (session advisory lock; a second one gets a ConflictError).
 */
@Injectable()
export class RunPullSyncUseCase {
  private readonly logger = createLogger('ocpi-emsp', 'PullSync');

  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnerDirectory,
    private readonly client: OcpiClient,
    private readonly state: PullSyncStateRepository,
    private readonly env: OcpiEmspEnv,
    private readonly putLocation: PutLocationObjectUseCase,
    private readonly putTariff: PutTariffUseCase,
    private readonly putSession: PutSessionUseCase,
    private readonly receiveCdr: ReceiveCdrUseCase,
    @Inject(OCPI_PARTY_OPTIONS) private readonly party: OcpiPartyOptions,
  ) {}

  async execute({ partnerId }: { partnerId: string }): Promise<PullSyncOutcome> {
    const partner = await this.partners.findById(partnerId);
    if (!partner || !partner.roles.some((r) => r.role.toUpperCase() === 'CPO')) {
      throw new NotFoundError(`No CPO partner ${partnerId}`);
    }
    if (partner.status !== 'REGISTERED') {
      throw new ConflictError(`Partner ${partnerId} is not registered`);
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lockKey = `ocpi_emsp.pull_sync|${partnerId}`;
    try {
      const [{ locked }] = (await runner.query(
        `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`,
        [lockKey],
      )) as { locked: boolean }[];
      if (!locked) throw new ConflictError(`A pull sync of partner ${partnerId} is running`);
      try {
        return await this.run(partner);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey]);
      }
    } finally {
      await runner.release();
    }
  }

  private async run(partner: OcpiPartner): Promise<PullSyncOutcome> {
    const startedAt = new Date();
    const watermarks = new Map(
      (await this.state.forPartner(partner.id)).map((s) => [s.module, s.watermark]),
    );
    const next = nextRunAt(startedAt, this.env.OCPI_PULL_SYNC_INTERVAL_SECONDS, Math.random());
    const modules: ModuleSyncOutcome[] = [];
    for (const module of SYNC_MODULES) {
      await this.state.started(partner.id, module, new Date(), next);
      const outcome = await this.syncModule(partner, module, watermarks.get(module) ?? null).catch(
        (error: unknown): ModuleSyncOutcome => ({
          module,
          status: 'failed',
          pages: 0,
          received: 0,
          invalid: 0,
          error: (error as Error).message,
        }),
      );
      modules.push(outcome);
      const counts = { received: outcome.received, invalid: outcome.invalid };
      if (outcome.status === 'ok') {
        await this.state.succeeded(
          partner.id,
          module,
          new Date(),
          nextWatermark(startedAt),
          counts,
        );
      } else {
        await this.state.failed(partner.id, module, new Date(), outcome.error ?? '', counts);
      }
    }
    this.logger.log('pull sync done', {
      partnerId: partner.id,
      modules: modules.map((m) => `${m.module}:${m.status}:${m.received}/${m.invalid}`).join(' '),
    });
    return { partner_id: partner.id, started_at: startedAt.toISOString(), modules };
  }

  private async syncModule(
    partner: OcpiPartner,
    module: SyncModule,
    watermark: Date | null,
  ): Promise<ModuleSyncOutcome> {
    const outcome: ModuleSyncOutcome = { module, status: 'ok', pages: 0, received: 0, invalid: 0 };
    const endpoint = partner.endpoints.find((e) => e.identifier === module && e.role === 'SENDER');
    if (!endpoint) {
      return { ...outcome, status: 'not_offered', error: `no ${module} SENDER endpoint` };
    }
    const seen = new Set<string>();
    let url: string | undefined;
    for (;;) {
      const answer = url
        ? await this.client.requestUrl<unknown>(partner.id, url, { method: 'GET' })
        : await this.client.request<unknown>(partner.id, {
            module,
            interfaceRole: 'SENDER',
            method: 'GET',
            query: firstPageQuery(module, watermark),
          });
      if (!answer.ok) {
        return { ...outcome, status: 'failed', error: answer.error ?? `HTTP ${answer.httpStatus}` };
      }
      outcome.pages += 1;
      // an empty page may come as `data: null` or without data
      const checked = validateOcpiList(DTO[module] as new () => object, answer.data ?? []);
      for (const bad of checked.invalid) {
        outcome.invalid += 1;
        this.logger.warn('pulled object invalid, skipped', {
          partnerId: partner.id,
          module,
          index: bad.index,
          violations: bad.violations.slice(0, 10).join('; '),
        });
      }
      for (const object of checked.valid) {
        if (await this.apply(partner, module, object)) outcome.received += 1;
        else outcome.invalid += 1;
      }
      if (outcome.pages >= MAX_PAGES) {
        return { ...outcome, status: 'failed', error: `more than ${MAX_PAGES} pages` };
      }
      if (url) seen.add(url);
      const next = nextPageUrl(answer.headers.link);
      if (!next) return outcome;
      url = followable(next, seen, endpoint.url);
      // an unfollowable next page (another host, a loop) leaves the crawl incomplete: fail, so
      // the watermark stays
      if (!url) return { ...outcome, status: 'failed', error: `next page refused: ${next}` };
    }
  }

  /** One valid pulled object into its Receiver use case; false when skipped or refused. */
  private async apply(partner: OcpiPartner, module: SyncModule, object: object): Promise<boolean> {
    const fields = object as { country_code?: string; party_id?: string; id?: string };
    if (!ownedByPartner(partner.roles, fields)) {
      this.logger.warn('pulled object of a party the partner does not own, skipped', {
        partnerId: partner.id,
        module,
        party: `${fields.country_code}/${fields.party_id}`,
        id: fields.id,
      });
      return false;
    }
    const ref = {
      partnerId: partner.id,
      countryCode: (fields.country_code as string).toUpperCase(),
      partyId: (fields.party_id as string).toUpperCase(),
      id: fields.id as string,
    };
    try {
      if (module === 'locations') {
        await this.putLocation.execute({
          ref,
          target: {},
          body: object as unknown as LocationJson,
        });
      } else if (module === 'tariffs') {
        await this.putTariff.execute({ ref, body: object });
      } else if (module === 'sessions') {
        await this.putSession.execute({ ref, body: object });
      } else {
        const caller = new OcpiCallerContext(partner.id, partner.roles, 'SERVER', {
          countryCode: this.party.countryCode,
          partyId: this.party.partyId,
        });
        await this.receiveCdr.execute({ caller, body: object });
      }
      return true;
    } catch (error) {
      // a refusal (the push would have got an OCPI error) skips the object; anything else (the
      // database...) fails the module, so its watermark stays
      if (!(error instanceof OcpiException)) throw error;
      this.logger.warn('pulled object refused, skipped', {
        partnerId: partner.id,
        module,
        id: fields.id,
        error: (error as Error).message,
      });
      return false;
    }
  }
}
