import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { ChargingSessionCompletedV1, SessionRatedV1 } from '@voltlane/contracts-events';
import { createServiceDataSource, runServiceMigrations } from '@voltlane/platform-persistence';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { assembleCdr } from '../domain/cdr-assembly';
import { CdrRepository } from './cdr.repository';

/**
 * The CDR repository on a real PostgreSQL (own database, the service's migrations): the two parts
 * of a session meet even when written by concurrent transactions; one original CDR per session.
 */
const run = randomUUID().slice(0, 8);
const database = `cdr_repo_${run}`;

const completed = (sessionId: string): ChargingSessionCompletedV1 => ({
  sessionId,
  countryCode: 'NL',
  partyId: 'VLT',
  revision: 3,
  stationId: 'CP-REPO-1',
  transactionId: '1',
  tokenUid: 'TAG-1',
  startedAt: '2025-03-14T09:00:00.000Z',
  endedAt: '2025-03-14T10:00:00.000Z',
  meterStartWh: 0,
  meterStopWh: 10_000,
  energyWh: 10_000,
  stopReason: 'Local',
  session: { country_code: 'NL', party_id: 'VLT', id: sessionId },
});

const rated = (sessionId: string): SessionRatedV1 => ({
  sessionId,
  countryCode: 'NL',
  partyId: 'VLT',
  sessionRevision: 3,
  tariffIds: ['T-1'],
  currency: 'EUR',
  totalCost: { exclVat: 2.5 },
  totalEnergyWh: 10_000,
  totalTimeSeconds: 3_600,
  chargingPeriods: [{ start_date_time: '2025-03-14T09:00:00Z', dimensions: [] }],
  ratedAt: '2025-03-14T10:00:01.000Z',
});

describe('CdrRepository (real PostgreSQL)', () => {
  let admin: Pool;
  let ds: DataSource;
  let repository: CdrRepository;

  beforeAll(async () => {
    admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query(`CREATE DATABASE "${database}"`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${database}`;
    ds = createServiceDataSource({
      url: url.toString(),
      schema: 'cdr_billing',
      applicationName: 'cdr-repo-int',
      migrations: MIGRATIONS,
    });
    await runServiceMigrations(ds, 'cdr_billing');
    if (!ds.isInitialized) await ds.initialize();
    repository = new CdrRepository(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin?.end();
  });

  it('lets the second of two concurrent transactions see the part of the first', async () => {
    const sessionId = randomUUID();
    const first = ds.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    try {
      const own = await repository.saveCompleted(first.manager, completed(sessionId));
      expect(own).toEqual({ completed: completed(sessionId), rated: null });
      // The rating arrives while the completion is not yet committed: it waits for it.
      let settled = false;
      const second = ds
        .transaction((manager) => repository.saveRated(manager, rated(sessionId)))
        .finally(() => {
          settled = true;
        });
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false);
      await first.commitTransaction();
      expect(await second).toEqual({ completed: completed(sessionId), rated: rated(sessionId) });
    } finally {
      await first.release();
    }
  });

  it('keeps the first copy of a part and creates one original CDR per session', async () => {
    const sessionId = randomUUID();
    await ds.transaction((m) => repository.saveRated(m, rated(sessionId)));
    const changed = { ...rated(sessionId), totalCost: { exclVat: 99 } };
    const parts = await ds.transaction((m) => repository.saveRated(m, changed));
    expect(parts.rated?.totalCost).toEqual({ exclVat: 2.5 });

    const a = assembleCdr(completed(sessionId), rated(sessionId), {
      cdrId: 'A-' + run,
      now: '2025-03-14T10:00:02Z',
    });
    const b = { ...a, cdrId: 'B-' + run, cdr: { ...a.cdr, id: 'B-' + run } };
    expect(await ds.transaction((m) => repository.insertOriginal(m, a))).toBe(true);
    expect(await ds.transaction((m) => repository.insertOriginal(m, b))).toBe(false);
    const page = await repository.find({ sessionId, offset: 0, limit: 10 });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ cdrId: a.cdrId, kind: 'ORIGINAL', creditedBy: null });
    expect((await repository.findById(a.cdrId))?.cdr.total_cost).toEqual({ excl_vat: 2.5 });
    expect(await repository.findById(b.cdrId)).toBeUndefined();
  });
});
