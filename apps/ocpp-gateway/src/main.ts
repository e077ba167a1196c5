import 'reflect-metadata';
import { runServiceMain } from '@voltlane/platform-runtime';
import { AppModule } from './app.module';
import { loadTlsMaterial } from './config/tls.config';
import { SERVICE } from './ocpp-gateway.service';

// With OCPP_TLS_CERT_FILE/KEY_FILE the one port serves wss:// and HTTPS (ADR 0015).
void runServiceMain(SERVICE, AppModule, {
  nestOptions: (config) => {
    const tls = loadTlsMaterial(config);
    return tls ? { httpsOptions: tls } : {};
  },
});
