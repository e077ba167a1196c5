import type { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { createEnvelope, DeadLetterHeaders, Topics } from '@voltlane/contracts-events';
import { ConsumerRunner, type EventBatchHandler, type InboundEvent } from './consumer.runner';
import type { EventProducer, OutgoingRecord } from './event.producer';
import { silentKafkaLogger } from './kafka.settings';

/**
 * The runner's decisions (chunking, commit order, isolation, dead-lettering, shutdown order) with a
 * stand-in for the kafkajs consumer, so each case is deterministic. The same behaviour on a real
 * broker is covered by consumer.runner.int.spec.ts.
 */
const TOPIC = Topics.PlatformProbeRecorded;

class StubConsumer {
  readonly events = { CRASH: 'consumer.crash' };
  readonly log: string[] = [];
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | null = null;
  failNextCommit: Error | null = null;

  on(): void {}
  async connect(): Promise<void> {}
  async subscribe(): Promise<void> {}
  async run(config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }): Promise<void> {
    this.eachBatch = config.eachBatch;
  }
  async commitOffsets(offsets: { offset: string }[]): Promise<void> {
    const failure = this.failNextCommit;
    this.failNextCommit = null;
    this.log.push(`commit ${offsets.map((o) => o.offset).join(',')}${failure ? ' (failed)' : ''}`);
    if (failure) throw failure;
  }
  async disconnect(): Promise<void> {
    this.log.push('disconnect');
  }
}

function message(offset: number, value: string): KafkaMessage {
  return {
    offset: String(offset),
    key: Buffer.from('k'),
    value: Buffer.from(value),
    headers: { 'x-offset': String(offset) },
    timestamp: '0',
    attributes: 0,
  } as KafkaMessage;
}

function event(offset: number): KafkaMessage {
  const envelope = createEnvelope(
    TOPIC,
    { probeKey: 'k', sequence: offset, amount: 1 },
    { producer: 'platform-probe', correlationId: 'c', causationId: null },
  );
  return message(offset, JSON.stringify(envelope));
}

describe('ConsumerRunner (stubbed kafkajs consumer)', () => {
  let stub: StubConsumer;
  let sent: OutgoingRecord[];

  function start(handler: EventBatchHandler, maxEventsPerCall = 500) {
    stub = new StubConsumer();
    sent = [];
    const producer = {
      send: async (records: OutgoingRecord[]) => {
        sent.push(...records);
      },
    } as unknown as EventProducer;
    const runner = new ConsumerRunner(
      { consumer: () => stub } as unknown as Kafka,
      producer,
      {
        groupId: 'unit-group',
        topics: [TOPIC],
        handler,
        isTransient: (err) => err instanceof Error && err.message === 'transient',
        maxAttempts: 2,
        backoff: { initialMs: 1, maxMs: 2 },
        maxEventsPerCall,
      },
      silentKafkaLogger,
    );
    return runner;
  }

  function deliver(messages: KafkaMessage[]): Promise<void> {
    const payload = {
      batch: { topic: TOPIC, partition: 0, messages },
      resolveOffset: (offset: string) => stub.log.push(`resolve ${offset}`),
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload;
    if (!stub.eachBatch) throw new Error('runner not started');
    return stub.eachBatch(payload);
  }

  const offsetsOf = (events: InboundEvent[]) => events.map((e) => Number(e.offset));

  it('hands ordered chunks to the handler and commits the next offset after each success', async () => {
    const calls: number[][] = [];
    const runner = start(async (events) => {
      calls.push(offsetsOf(events));
    }, 2);
    await runner.start();
    await deliver([event(10), event(11), event(12)]);
    expect(calls).toEqual([[10, 11], [12]]);
    expect(stub.log).toEqual(['resolve 11', 'commit 12', 'resolve 12', 'commit 13']);
    expect(runner.stats).toEqual({ processed: 3, deadLettered: 0, retries: 0 });
  });

  it('isolates a failing event: the others are applied, it is dead-lettered after maxAttempts', async () => {
    const calls: number[][] = [];
    const runner = start(async (events) => {
      calls.push(offsetsOf(events));
      if (events.some((e) => e.offset === '11')) throw new Error('cannot apply');
    });
    await runner.start();
    await deliver([event(10), event(11), event(12)]);
    expect(calls).toEqual([[10, 11, 12], [10], [11], [11], [12]]);
    expect(stub.log.filter((l) => l.startsWith('commit'))).toEqual([
      'commit 11',
      'commit 12',
      'commit 13',
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0].topic).toBe(`${TOPIC}.dlq`);
    expect(sent[0].headers).toMatchObject({
      'x-offset': '11',
      [DeadLetterHeaders.attempts]: '2',
      [DeadLetterHeaders.originalOffset]: '11',
      [DeadLetterHeaders.error]: 'Error: cannot apply',
    });
    expect(runner.stats).toEqual({ processed: 2, deadLettered: 1, retries: 1 });
  });

  it('retries a transient failure beyond maxAttempts instead of dead-lettering it', async () => {
    let failures = 5;
    const runner = start(async () => {
      if (failures-- > 0) throw new Error('transient');
    });
    await runner.start();
    await deliver([event(7)]);
    expect(sent).toEqual([]);
    expect(stub.log.filter((l) => l.startsWith('commit'))).toEqual(['commit 8']);
    expect(runner.stats.retries).toBe(4); // the first failure was the chunk's own attempt
  });

  it('dead-letters a message that is not a valid event at once, after committing the chunk before it', async () => {
    const calls: number[][] = [];
    const runner = start(async (events) => {
      calls.push(offsetsOf(events));
    });
    await runner.start();
    await deliver([event(1), message(2, '{not json'), event(3)]);
    expect(calls).toEqual([[1], [3]]);
    expect(stub.log.filter((l) => l.startsWith('commit'))).toEqual([
      'commit 2',
      'commit 3',
      'commit 4',
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0].value.toString()).toBe('{not json');
    expect(sent[0].headers[DeadLetterHeaders.attempts]).toBe('1');
    expect(sent[0].headers[DeadLetterHeaders.errorCode]).toBe('PLATFORM.POISON_MESSAGE');
  });

  it('does not treat a failed commit as a failed event: no re-run, no dead letter', async () => {
    let calls = 0;
    const runner = start(async () => {
      calls += 1;
    });
    await runner.start();
    stub.failNextCommit = new Error('The coordinator is rebalancing');
    // The error goes to kafkajs (it rejoins; the uncommitted chunk is redelivered).
    await expect(deliver([event(5), event(6)])).rejects.toThrow('rebalancing');
    expect(calls).toBe(1);
    expect(sent).toEqual([]);
    expect(runner.stats).toEqual({ processed: 2, deadLettered: 0, retries: 0 });
  });

  it('stop() lets the in-flight chunk finish and commit before it disconnects the consumer', async () => {
    let release: () => void = () => undefined;
    const handlerGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls: number[][] = [];
    const runner = start(async (events) => {
      calls.push(offsetsOf(events));
      await handlerGate;
    }, 1);
    await runner.start();
    const batch = deliver([event(20), event(21)]);
    await new Promise((r) => setImmediate(r));
    const stopped = runner.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(stub.log).toEqual([]); // still waiting for the handler
    release();
    await Promise.all([batch, stopped]);
    expect(calls).toEqual([[20]]); // nothing new starts once stopping
    expect(stub.log).toEqual(['resolve 20', 'commit 21', 'disconnect']);
    expect(runner.health.running).toBe(false);
  });

  it('disconnects the consumer when start() fails', async () => {
    const runner = start(async () => undefined);
    stub.subscribe = async () => {
      throw new Error('topic does not exist');
    };
    await expect(runner.start()).rejects.toThrow('topic does not exist');
    expect(stub.log).toEqual(['disconnect']);
  });
});
