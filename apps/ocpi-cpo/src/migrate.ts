import 'reflect-metadata';
import { runMigrateMain } from '@voltlane/platform-runtime';
import { SERVICE } from './ocpi-cpo.service';

/** `node dist/apps/ocpi-cpo/src/migrate.js`: applies pending migrations of schema `ocpi_cpo`. */
void runMigrateMain(SERVICE);
