import 'reflect-metadata';
import { runMigrateMain } from '@voltlane/platform-runtime';
import { SERVICE } from './ocpi-emsp.service';

/** `node dist/apps/ocpi-emsp/src/migrate.js`: applies pending migrations of schema `ocpi_emsp`. */
void runMigrateMain(SERVICE);
