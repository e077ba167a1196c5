import 'reflect-metadata';
import { runMigrateMain } from '@voltlane/platform-runtime';
import { SERVICE } from './ocpp-gateway.service';

/** `node dist/apps/ocpp-gateway/src/migrate.js`: applies pending migrations of schema `ocpp_gateway`. */
void runMigrateMain(SERVICE);
