import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createServiceDataSource, runServiceMigrations } from '@voltlane/platform-persistence';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { receiveStop, startSession } from '../domain/charging-session';
import type { MeterSample } from '../domain/meter-sample';
import { toOcpiSession } from '../domain/ocpi-session.mapper';
import { sessionIdOf } from '../domain/session-id';
import { ChargingSessionRepository } from './charging-session.repository';
import type { ChargingSessionStore, StoredSession } from './charging-session.store';

/**
 * The session repository's set-based SQL on a real PostgreSQL (its own database, migrated with the
 * service's migrations): idempotent inserts, sample de-duplication, early stops, due sessions.
 */
const run = randomUUID().slice(0, 8);
const database = `se_repo_${run}`;
const T0 = Date.parse('2025-03-14T09:00:00Z');
const CTX = { countryCode: 'NL', partyId: 'VLT', currency: 'EUR' };

function aSession(stationId: string, transactionId = '1'): StoredSession {
  const state = startSession(
    {
      sessionId: sessionIdOf(stationId, transactionId),
      stationId,
      connectorId: 1,
      transactionId,
      idTag: 'TAG',
      idTagStatus: 'Accepted',
      meterStartWh: 1_000,
      startedAt: T0,
    },
    T0,
  );
  return { state, ocpiSession: toOcpiSession(state, CTX) as unknown as Record<string, unknown> };
}

const sample = (at: number, measurand: string, value: number, phase?: string): MeterSample => ({
  at,
  measurand,
  value,
  unit: measurand.startsWith('Energy') ? 'Wh' : 'W',
  location: 'Outlet',
  context: 'Sample.Periodic',
  ...(phase ? { phase } : {}),
});

describe('ChargingSessionRepository (real PostgreSQL)', () => {
  let admin: Pool;
  let ds: DataSource;
  const repository = new ChargingSessionRepository();

  /** Runs `work` in one transaction with the store bound to it. */
  const inTx = <T>(work: (store: ChargingSessionStore) => Promise<T>): Promise<T> =>
    ds.transaction((manager) => work(repository.bind(manager)));

  beforeAll(async () => {
    admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    await admin.query(`CREATE DATABASE "${database}"`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${database}`;
    ds = createServiceDataSource({
      url: url.toString(),
      schema: 'session_engine',
      applicationName: 'session-repo-int',
      migrations: MIGRATIONS,
    });
    await runServiceMigrations(ds, 'session_engine');
    if (!ds.isInitialized) await ds.initialize();
  });

  afterAll(async () => {
    await ds?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin?.end();
  });

  it('inserts a session once per (station, transaction) and reads back the same state', async () => {
    const s = aSession('REPO-A');
    expect(await inTx((store) => store.insert(s))).toBe(true);
    expect(await inTx((store) => store.insert(aSession('REPO-A')))).toBe(false);
    const [read] = await inTx((store) => store.lockByIds([s.state.start.sessionId]));
    expect(read).toEqual(JSON.parse(JSON.stringify(s.state)));
  });

  it('stores samples once: replays and duplicates inside one call are skipped, ms and phase kept', async () => {
    const id = sessionIdOf('REPO-B', '1');
    const first = [
      sample(T0 + 1_234, 'Energy.Active.Import.Register', 1_500),
      sample(T0 + 1_234, 'Power.Active.Import', 3_600, 'L1'),
      sample(T0 + 1_234, 'Power.Active.Import', 3_700, 'L2'),
    ];
    const fresh = await inTx((store) =>
      store.insertSamples([...first, first[0]].map((s) => ({ sessionId: id, sample: s }))),
    );
    expect(fresh.get(id)).toHaveLength(3);
    const again = await inTx((store) =>
      store.insertSamples(
        [...first, sample(T0 + 60_000, 'Energy.Active.Import.Register', 2_000)].map((s) => ({
          sessionId: id,
          sample: s,
        })),
      ),
    );
    expect(again.get(id)).toEqual([sample(T0 + 60_000, 'Energy.Active.Import.Register', 2_000)]);
    const all = await inTx((store) => store.loadSamples(id));
    expect(all).toHaveLength(4);
    expect(all.filter((s) => s.measurand === 'Power.Active.Import')).toEqual(
      expect.arrayContaining([first[1], first[2]]),
    );
  });

  it('returns the samples it inserted exactly as loadSamples reads them; the first of a duplicate key wins', async () => {
    const id = sessionIdOf('REPO-F', '1');
    const other = sessionIdOf('REPO-F', '2');
    const rows = [
      { sessionId: id, sample: sample(T0 + 5, 'Energy.Active.Import.Register', 10.5) },
      { sessionId: other, sample: sample(T0 + 5, 'Energy.Active.Import.Register', 7) },
      { sessionId: id, sample: sample(T0 + 5, 'Current.Import', 16, 'L3') },
      // same key as the first row, another value: not stored, not returned
      { sessionId: id, sample: sample(T0 + 5, 'Energy.Active.Import.Register', 99) },
      { sessionId: id, sample: { at: T0 + 9, measurand: 'SoC', value: 41.25, unit: 'Percent' } },
    ];
    const fresh = await inTx((store) => store.insertSamples(rows));
    const stored = await inTx((store) => store.loadSamples(id));
    expect(fresh.get(id)).toEqual(stored);
    expect(stored.map((s) => s.value)).toEqual([10.5, 16, 41.25]);
    expect(fresh.get(other)).toEqual(await inTx((store) => store.loadSamples(other)));
    // a replay of all of it inserts (and returns) nothing
    expect((await inTx((store) => store.insertSamples(rows))).size).toBe(0);
  });

  it('keeps a stop that overtook its start until it is taken, exactly once', async () => {
    const stop = {
      sessionId: sessionIdOf('REPO-C', '1'),
      stationId: 'REPO-C',
      transactionId: '1',
      at: T0 + 3_600_000,
      meterStopWh: 9_000,
      reason: 'Local',
    };
    await inTx((store) => store.saveEarlyStop(stop));
    await inTx((store) => store.saveEarlyStop({ ...stop, meterStopWh: 1 }));
    expect(await inTx((store) => store.takeEarlyStop(stop.sessionId))).toEqual(stop);
    expect(await inTx((store) => store.takeEarlyStop(stop.sessionId))).toBeUndefined();
  });

  it('finds active sessions on connectors and stations, and due sessions only when due', async () => {
    const s = aSession('REPO-D');
    await inTx((store) => store.insert(s));
    expect(
      await inTx((store) =>
        store.findActiveIdsOnConnectors([{ stationId: 'REPO-D', connectorId: 1 }]),
      ),
    ).toEqual([{ sessionId: s.state.start.sessionId, stationId: 'REPO-D', connectorId: 1 }]);
    expect(
      (await inTx((store) => store.lockActiveOnStations(['REPO-D']))).map((x) => x.start.sessionId),
    ).toEqual([s.state.start.sessionId]);

    const held = receiveStop(
      s.state,
      { at: T0 + 60_000, meterStopWh: 2_000, reason: 'Local' },
      T0,
    ).state;
    const due = Date.now() + 60_000;
    await inTx((store) => store.saveAll([{ ...s, state: held, closeDueAt: due }]));
    const dueNow = await inTx((store) => store.lockDue(Date.now(), 100));
    expect(dueNow.map((x) => x.start.sessionId)).not.toContain(s.state.start.sessionId);
    const dueLater = await inTx((store) => store.lockDue(due + 1, 100));
    expect(
      dueLater.find((x) => x.start.sessionId === s.state.start.sessionId)?.pendingStop,
    ).toEqual({ at: T0 + 60_000, meterStopWh: 2_000, reason: 'Local' });
  });
});
