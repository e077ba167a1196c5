import { defineService } from '@voltlane/platform-runtime';
import { OcpiCpoEnv } from './config/ocpi-cpo.env';
import { MIGRATIONS } from './migrations';

/** OCPI 2.2.1 CPO role: partners and credentials, locations master data, received tokens, push queue. */
export const SERVICE = defineService({
  serviceName: 'ocpi-cpo',
  schema: 'ocpi_cpo',
  env: OcpiCpoEnv,
  migrations: MIGRATIONS,
});
