import { defineService } from '@voltlane/platform-runtime';
import { OcpiEmspEnv } from './config/ocpi-emsp.env';
import { MIGRATIONS } from './migrations';

/** OCPI 2.2.1 eMSP role: partners, drivers and their tokens, objects received from CPOs, driver API. */
export const SERVICE = defineService({
  serviceName: 'ocpi-emsp',
  schema: 'ocpi_emsp',
  env: OcpiEmspEnv,
  migrations: MIGRATIONS,
});
