import { Module } from '@nestjs/common';
import { platformModules } from '@voltlane/platform-runtime';
import { SessionsModule } from './sessions/sessions.module';
import { SERVICE } from './session-engine.service';

@Module({
  imports: [...platformModules(SERVICE), SessionsModule],
})
export class AppModule {}
