import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

export interface TestApp {
  app: INestApplication;
  url: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Boots `metadata` as a Nest app on an ephemeral localhost port; no logs. */
export async function startTestApp(metadata: ModuleMetadata): Promise<TestApp> {
  @Module(metadata)
  class TestRootModule {}

  const app = await NestFactory.create(TestRootModule, { logger: false, abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    get: (path, headers) => fetch(`${url}${path}`, { headers }),
    close: () => app.close(),
  };
}
