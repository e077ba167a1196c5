import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintDockerfile } from './dockerfile.lint';
import { parseDockerfile } from './dockerfile.parser';
import { repoPath } from './repo-root';

const GOOD = `
ARG NODE_IMAGE=node:24-bookworm-slim
FROM \${NODE_IMAGE} AS build
RUN npm ci
FROM \${NODE_IMAGE} AS prod-deps
RUN npm ci --omit=dev
FROM \${NODE_IMAGE} AS runtime
RUN apt-get update && apt-get install -y tini
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /src/dist/node_modules ./dist/node_modules
COPY entrypoint.sh /usr/local/bin/voltlane
USER 1000:1000
HEALTHCHECK CMD ["node", "healthcheck.js"]
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/voltlane"]
`;
const IGNORE = 'node_modules\n.git\n.env*\ndist\n.voltlane\n';

function lint(dockerfile: string, dockerignore = IGNORE): string[] {
  return lintDockerfile({ dockerfile, dockerignore, contextHas: () => true });
}

describe('Dockerfile (repository root)', () => {
  it('passes every structural rule', () => {
    const root = repoPath();
    const problems = lintDockerfile({
      dockerfile: readFileSync(join(root, 'Dockerfile'), 'utf8'),
      dockerignore: readFileSync(join(root, '.dockerignore'), 'utf8'),
      contextHas: (path) => existsSync(join(root, path)),
    });
    expect(problems).toEqual([]);
  });

  it('runs the entrypoint through tini as a numeric non-root user with a HEALTHCHECK', () => {
    const { stages } = parseDockerfile(readFileSync(repoPath('Dockerfile'), 'utf8'));
    const runtime = stages[stages.length - 1];
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords).toEqual(expect.arrayContaining(['USER', 'HEALTHCHECK', 'ENTRYPOINT']));
    expect(runtime.instructions.find((i) => i.keyword === 'USER')?.args).toBe('1000:1000');
  });

  it('ships a health check script that probes /health/ready', () => {
    const script = readFileSync(repoPath('deploy/docker/healthcheck.js'), 'utf8');
    expect(script).toContain('/health/ready');
  });
});

describe('lintDockerfile', () => {
  it('Given a hardened multi-stage Dockerfile, When linted, Then it reports nothing', () => {
    expect(lint(GOOD)).toEqual([]);
  });

  it('Given a single stage, When linted, Then it asks for a multi-stage build', () => {
    expect(lint('FROM node:24-bookworm-slim\nUSER 1000\n')).toContain(
      'not a multi-stage build (needs a build stage and a runtime stage)',
    );
  });

  it.each([
    ['node:latest', 'moving tag "latest" is not pinned'],
    ['node', 'no tag or digest'],
    ['node:23-bookworm-slim', 'Node 23 is not a supported LTS line'],
    ['node:18-bookworm-slim', 'Node 18 is not a supported LTS line'],
    ['node:24', 'tag must be <node version>-<debian release>-slim'],
    ['alpine:3.20', 'expected the official node image'],
  ])('Given FROM %s, When linted, Then it says "%s"', (image, message) => {
    const problems = lint(GOOD.replace('node:24-bookworm-slim', image));
    expect(problems.some((p) => p.includes(message))).toBe(true);
  });

  it('Given no USER, When linted, Then it reports a root runtime', () => {
    expect(lint(GOOD.replace('USER 1000:1000\n', ''))).toContain(
      'runtime stage has no USER: it would run as root',
    );
  });

  it.each([['USER node'], ['USER 0'], ['USER root:root'], ['USER 1000:0']])(
    'Given %s, When linted, Then it is rejected',
    (user) => {
      expect(lint(GOOD.replace('USER 1000:1000', user)).some((p) => p.startsWith('USER'))).toBe(
        true,
      );
    },
  );

  it('Given no HEALTHCHECK, When linted, Then it is reported', () => {
    expect(lint(GOOD.replace(/HEALTHCHECK.*\n/, ''))).toContain('runtime stage has no HEALTHCHECK');
  });

  it('Given an ENTRYPOINT without tini, When linted, Then it is reported', () => {
    const problems = lint(GOOD.replace('"/usr/bin/tini", "--", ', ''));
    expect(problems.some((p) => p.includes('not an init (tini)'))).toBe(true);
  });

  it('Given node_modules from the build stage, When linted, Then dev dependencies are reported', () => {
    const problems = lint(GOOD.replace('--from=prod-deps', '--from=build'));
    expect(problems.some((p) => p.includes('npm ci --omit=dev'))).toBe(true);
  });

  it.each([
    ['ENV ADMIN_API_KEY=abc'],
    ['ENV DATABASE_URL=postgres://u:p@h/db'],
    ['ARG NPM_TOKEN'],
    ['COPY .env ./'],
  ])('Given "%s", When linted, Then a baked-in secret is reported', (line) => {
    const problems = lint(GOOD.replace('USER 1000:1000', `${line}\nUSER 1000:1000`));
    expect(problems.some((p) => /secret/.test(p))).toBe(true);
  });

  it('Given a .dockerignore that keeps .env files, When linted, Then it is reported', () => {
    expect(lint(GOOD, 'node_modules\n.git\ndist\n.voltlane\n')).toContain(
      '.dockerignore does not exclude .env',
    );
  });

  it('Given a COPY of a missing file, When linted, Then it is reported', () => {
    const problems = lintDockerfile({
      dockerfile: GOOD,
      dockerignore: IGNORE,
      contextHas: (path) => path !== 'entrypoint.sh',
    });
    expect(problems.some((p) => p.includes('COPY source entrypoint.sh does not exist'))).toBe(true);
  });
});
