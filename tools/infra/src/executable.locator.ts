import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Absolute path of an executable: itself when absolute, else the first match on PATH. */
export function findExecutable(name: string, extraDirs: string[] = []): string | undefined {
  if (isAbsolute(name)) return isExecutable(name) ? name : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter((d) => d !== '');
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` from PATH. */
export function findJava(): string | undefined {
  const javaHome = process.env.JAVA_HOME;
  if (javaHome && isExecutable(join(javaHome, 'bin', 'java'))) return join(javaHome, 'bin', 'java');
  return findExecutable('java');
}
