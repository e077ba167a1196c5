import { defineService } from '@voltlane/platform-runtime';
import { CdrBillingEnv } from './config/cdr-billing.env';
import { MIGRATIONS } from './migrations';

/** Immutable CDRs (and credit CDRs) and eMSP-side invoices. */
export const SERVICE = defineService({
  serviceName: 'cdr-billing',
  schema: 'cdr_billing',
  env: CdrBillingEnv,
  migrations: MIGRATIONS,
});
