import {
  escapePropertyValue,
  generateClusterId,
  hasStartedMarker,
  isValidClusterId,
  parseMetaPropertiesClusterId,
  renderLog4jProperties,
  renderServerProperties,
} from './kafka-config.renderer';
import { readKafkaVersion } from './kafka-classpath.resolver';

function parseProperties(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)] as [string, string];
      }),
  );
}

describe('renderServerProperties', () => {
  const base = {
    kafkaVersion: '3.9.1',
    port: 39092,
    controllerPort: 39093,
    logDir: '/tmp/x/kafka/data',
    persistent: false,
  };

  it('renders a single-node KRaft broker+controller on loopback', () => {
    const props = parseProperties(renderServerProperties(base));
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('node.id')).toBe('1');
    expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:39093');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:39092,CONTROLLER://127.0.0.1:39093');
    expect(props.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:39092');
    expect(props.get('controller.listener.names')).toBe('CONTROLLER');
    expect(props.get('inter.broker.listener.name')).toBe('PLAINTEXT');
    expect(props.get('listener.security.protocol.map')).toBe(
      'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    );
    expect(props.get('log.dirs')).toBe('/tmp/x/kafka/data');
  });

  it('makes the platform create its topics and keeps test groups fast', () => {
    const props = parseProperties(renderServerProperties(base));
    expect(props.get('auto.create.topics.enable')).toBe('false');
    expect(props.get('num.partitions')).toBe('3');
    expect(props.get('group.initial.rebalance.delay.ms')).toBe('0');
    expect(props.get('offsets.topic.num.partitions')).toBe('1');
    for (const key of [
      'default.replication.factor',
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
      'min.insync.replicas',
    ]) {
      expect([key, props.get(key)]).toEqual([key, '1']);
    }
    expect(props.has('share.coordinator.state.topic.replication.factor')).toBe(false);
  });

  it('gives a persistent broker more internal-topic partitions', () => {
    const props = parseProperties(renderServerProperties({ ...base, persistent: true }));
    expect(props.get('offsets.topic.num.partitions')).toBe('10');
  });

  it('adds the share-coordinator replication settings on Kafka 4', () => {
    const props = parseProperties(renderServerProperties({ ...base, kafkaVersion: '4.1.0' }));
    expect(props.get('share.coordinator.state.topic.replication.factor')).toBe('1');
    expect(props.get('share.coordinator.state.topic.min.isr')).toBe('1');
  });

  it('escapes values the Java properties format would misread', () => {
    expect(escapePropertyValue('C:\\kafka\\data')).toBe('C:\\\\kafka\\\\data');
    expect(escapePropertyValue(' lead')).toBe('\\ lead');
    expect(escapePropertyValue('a\nb')).toBe('a\\nb');
  });
});

describe('renderLog4jProperties', () => {
  it('logs WARN to the given file but keeps the INFO start-up line', () => {
    const text = renderLog4jProperties('/tmp/x/kafka/server.log');
    expect(text).toContain('log4j.rootLogger=WARN, file');
    expect(text).toContain('log4j.appender.file.File=/tmp/x/kafka/server.log');
    expect(text).toContain('log4j.logger.kafka.server.KafkaRaftServer=INFO');
  });
});

describe('cluster ids', () => {
  it('generates 22-char URL-safe ids that decode to 16 bytes', () => {
    for (let i = 0; i < 50; i++) {
      const id = generateClusterId();
      expect(id).toHaveLength(22);
      expect(isValidClusterId(id)).toBe(true);
    }
  });

  it('never starts an id with "-" (the CLI would read an option)', () => {
    let calls = 0;
    const random = (size: number) => {
      calls++;
      const bytes = Buffer.alloc(size, 7);
      if (calls === 1) bytes[0] = 0xf8; // base64url "-..."
      return bytes;
    };
    const id = generateClusterId(random);
    expect(calls).toBe(2);
    expect(id.startsWith('-')).toBe(false);
  });

  it('reads the cluster id of a formatted log dir', () => {
    const meta = '#\n#Sat Nov 21\nnode.id=1\nversion=1\ncluster.id=ZE7MSj2zZgF6eTvpq17_WA\n';
    expect(parseMetaPropertiesClusterId(meta)).toBe('ZE7MSj2zZgF6eTvpq17_WA');
    expect(parseMetaPropertiesClusterId('version=1\n')).toBeUndefined();
  });
});

describe('hasStartedMarker', () => {
  it('recognises the KRaft start-up line and nothing else', () => {
    expect(
      hasStartedMarker(
        '[2026-01-01 00:00:00,000] INFO [KafkaRaftServer nodeId=1] Kafka Server started (kafka.server.KafkaRaftServer)',
      ),
    ).toBe(true);
    expect(hasStartedMarker('ERROR Exiting Kafka due to fatal exception during startup.')).toBe(
      false,
    );
  });
});

describe('readKafkaVersion', () => {
  it('reads the kafka.version property of the pom', () => {
    expect(
      readKafkaVersion('<properties><kafka.version> 3.9.1 </kafka.version></properties>'),
    ).toBe('3.9.1');
    expect(() => readKafkaVersion('<project/>')).toThrow(/kafka\.version/);
  });
});
