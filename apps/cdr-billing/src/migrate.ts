import 'reflect-metadata';
import { runMigrateMain } from '@voltlane/platform-runtime';
import { SERVICE } from './cdr-billing.service';

/** `node dist/apps/cdr-billing/src/migrate.js`: applies pending migrations of schema `cdr_billing`. */
void runMigrateMain(SERVICE);
