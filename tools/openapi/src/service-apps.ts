import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import { repoRoot } from './repo-root';

/** What the generator needs from one app: its root module and its service definition. */
export interface ServiceApp {
  /** Directory name under apps/, which is also the service name. */
  name: string;
  appModule: Type<unknown>;
  serviceName: string;
  envClass: new () => { PORT?: number };
}

/**
 * Every app under apps/ that has `src/app.module` and `src/<app>.service` (the `defineService`
 * result exported as SERVICE). Run from sources (Jest, ts) it loads apps/; run from dist/ (the CLI)
 * it loads the compiled apps next to it. New apps and new controllers are picked up as they come.
 */
export function discoverServiceApps(): ServiceApp[] {
  const root = repoRoot();
  const fromSources = __filename.endsWith('.ts');
  const appsDir = fromSources ? join(root, 'apps') : join(root, 'dist', 'apps');
  const ext = fromSources ? 'ts' : 'js';
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .filter(
      (name) =>
        existsSync(join(appsDir, name, 'src', `app.module.${ext}`)) &&
        existsSync(join(appsDir, name, 'src', `${name}.service.${ext}`)),
    )
    .sort()
    .map((name) => {
      // Paths computed at run time: apps are not importable from tooling through the module graph.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { AppModule } = require(join(appsDir, name, 'src', 'app.module')) as {
        AppModule?: Type<unknown>;
      };
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { SERVICE } = require(join(appsDir, name, 'src', `${name}.service`)) as {
        SERVICE?: { serviceName: string; env: new () => { PORT?: number } };
      };
      if (!AppModule || !SERVICE) {
        throw new Error(
          `apps/${name}: expected AppModule in app.module and SERVICE in ${name}.service`,
        );
      }
      return {
        name,
        appModule: AppModule,
        serviceName: SERVICE.serviceName,
        envClass: SERVICE.env,
      };
    });
}

/** Controllers reachable from a module through its imports (static and dynamic modules). */
export function collectControllers(root: Type<unknown> | DynamicModule): Type<unknown>[] {
  const seen = new Set<unknown>();
  const controllers: Type<unknown>[] = [];
  const visit = (entry: unknown): void => {
    if (!entry || seen.has(entry)) return;
    seen.add(entry);
    const dynamic = typeof entry === 'object' ? (entry as DynamicModule) : undefined;
    const type = (dynamic ? dynamic.module : entry) as Type<unknown>;
    const meta = (key: string) => (Reflect.getMetadata(key, type) as unknown[] | undefined) ?? [];
    for (const c of [...meta('controllers'), ...(dynamic?.controllers ?? [])]) {
      if (!controllers.includes(c as Type<unknown>)) controllers.push(c as Type<unknown>);
    }
    for (const i of [...meta('imports'), ...(dynamic?.imports ?? [])]) visit(i);
  };
  visit(root);
  return controllers;
}
