import 'reflect-metadata';
import { runServiceMain } from '@voltlane/platform-runtime';
import { AppModule } from './app.module';
import { SERVICE } from './cdr-billing.service';

void runServiceMain(SERVICE, AppModule);
