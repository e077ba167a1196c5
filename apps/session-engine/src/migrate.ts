import 'reflect-metadata';
import { runMigrateMain } from '@voltlane/platform-runtime';
import { SERVICE } from './session-engine.service';

/** `node dist/apps/session-engine/src/migrate.js`: applies pending migrations of schema `session_engine`. */
void runMigrateMain(SERVICE);
