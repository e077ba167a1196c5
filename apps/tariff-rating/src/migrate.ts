import 'reflect-metadata';
import { runMigrateMain } from '@voltlane/platform-runtime';
import { SERVICE } from './tariff-rating.service';

/** `node dist/apps/tariff-rating/src/migrate.js`: applies pending migrations of schema `tariff_rating`. */
void runMigrateMain(SERVICE);
