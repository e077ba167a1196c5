import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { IsHostPortList, IsPostgresUrl, Sensitive } from '@voltlane/platform-core';

export class ProbeServiceEnv {
  @IsIn(['producer', 'consumer'])
  PROBE_ROLE: 'producer' | 'consumer';

  @Matches(/^[a-z][a-z0-9_]{0,62}$/)
  PROBE_SCHEMA: string;

  /** Consumer group / Kafka client id / outbox producer name. */
  @Matches(/^[a-z][a-z0-9-]{0,62}$/)
  PROBE_SERVICE_NAME: string = 'platform-probe';

  @IsHostPortList()
  KAFKA_BROKERS: string;

  @Sensitive({ mask: 'url' })
  @IsPostgresUrl()
  DATABASE_URL: string;

  @IsInt()
  @Min(1)
  @Max(100)
  KAFKA_TOPIC_PARTITIONS: number = 6;

  @IsInt()
  @Min(0)
  @Max(60_000)
  PROBE_APPLY_DELAY_MS: number = 0;

  @IsInt()
  @Min(1)
  @Max(10_000)
  PROBE_EVENTS_PER_CALL: number = 500;
}
