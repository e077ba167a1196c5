import { IsPostgresUrl, Sensitive } from '@voltlane/platform-core';

/** The only variable a service's migrate command needs. */
export class MigrateEnv {
  @Sensitive({ mask: 'url' })
  @IsPostgresUrl()
  DATABASE_URL: string;
}
