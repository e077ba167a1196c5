import 'reflect-metadata';
import { runServiceMain } from '@voltlane/platform-runtime';
import { AppModule } from './app.module';
import { SERVICE } from './session-engine.service';

void runServiceMain(SERVICE, AppModule);
