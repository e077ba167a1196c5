import { defineService } from '@voltlane/platform-runtime';
import { TariffRatingEnv } from './config/tariff-rating.env';
import { MIGRATIONS } from './migrations';

/** OCPI 2.2.1 tariffs, tariff assignments and the pricing engine. */
export const SERVICE = defineService({
  serviceName: 'tariff-rating',
  schema: 'tariff_rating',
  env: TariffRatingEnv,
  migrations: MIGRATIONS,
});
