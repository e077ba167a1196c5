import { type DockerStage, execForm, expandArgs, parseDockerfile } from './dockerfile.parser';

/** Node release lines with long-term support still in service (even majors from 22 on). */
export function isNodeLtsMajor(major: number): boolean {
  return major >= 22 && major % 2 === 0;
}

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIALS|DATABASE_URL)/i;
const REQUIRED_DOCKERIGNORE = ['node_modules', '.git', '.env', 'dist', '.voltlane'];

export interface DockerfileLintInput {
  dockerfile: string;
  dockerignore: string;
  /** Whether a path in the build context exists (for COPY sources). */
  contextHas: (path: string) => boolean;
}

/**
 * Structural rules for the service image (docs/adr/0040-container-image.md). Returns the problems
 * found, one human-readable line each; an empty list means the Dockerfile passes.
 */
export function lintDockerfile(input: DockerfileLintInput): string[] {
  const problems: string[] = [];
  const { globalArgs, stages } = parseDockerfile(input.dockerfile);
  if (stages.length < 2)
    problems.push('not a multi-stage build (needs a build stage and a runtime stage)');
  if (stages.length === 0) return problems;

  const stageNames = new Set(stages.map((s) => s.name).filter((n): n is string => !!n));
  const bases = new Set<string>();
  for (const stage of stages) {
    if (stageNames.has(stage.image)) continue;
    let image: string;
    try {
      image = expandArgs(stage.image, globalArgs);
    } catch (error) {
      problems.push(`FROM ${stage.image}: ${(error as Error).message}`);
      continue;
    }
    bases.add(image);
    problems.push(...checkBaseImage(image));
  }
  if (bases.size > 1) problems.push(`stages use different base images: ${[...bases].join(', ')}`);

  const runtime = stages[stages.length - 1];
  problems.push(...checkRuntimeStage(runtime, stages));
  for (const stage of stages) problems.push(...checkSecrets(stage));
  for (const name of Object.keys(globalArgs)) {
    if (SECRET_NAME.test(name))
      problems.push(`ARG ${name} looks like a secret: pass secrets at run time`);
  }
  problems.push(...checkCopySources(stages, input.contextHas));

  const ignored = input.dockerignore
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^\/+|\/+$/g, ''))
    .filter((l) => l && !l.startsWith('#'));
  for (const entry of REQUIRED_DOCKERIGNORE) {
    if (!ignored.some((l) => l === entry || l === `${entry}*` || l === `**/${entry}`)) {
      problems.push(`.dockerignore does not exclude ${entry}`);
    }
  }
  return problems;
}

function checkBaseImage(image: string): string[] {
  const problems: string[] = [];
  const [reference] = image.split('@');
  const colon = reference.lastIndexOf(':');
  const tag = colon > reference.lastIndexOf('/') ? reference.slice(colon + 1) : '';
  const repository = tag ? reference.slice(0, colon) : reference;
  if (!tag && !image.includes('@sha256:')) problems.push(`FROM ${image}: no tag or digest`);
  if (tag === 'latest' || tag === 'lts' || tag === 'current') {
    problems.push(`FROM ${image}: moving tag "${tag}" is not pinned`);
  }
  if (repository !== 'node' && repository !== 'docker.io/library/node') {
    problems.push(`FROM ${image}: expected the official node image`);
    return problems;
  }
  const major = /^(\d+)(?:\.\d+){0,2}-(bookworm|trixie)-slim$/.exec(tag);
  if (!major) {
    problems.push(`FROM ${image}: tag must be <node version>-<debian release>-slim`);
  } else if (!isNodeLtsMajor(Number(major[1]))) {
    problems.push(`FROM ${image}: Node ${major[1]} is not a supported LTS line`);
  }
  return problems;
}

function checkRuntimeStage(runtime: DockerStage, stages: DockerStage[]): string[] {
  const problems: string[] = [];
  const of = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword);

  const users = of('USER');
  const user = users[users.length - 1];
  if (!user) {
    problems.push('runtime stage has no USER: it would run as root');
  } else {
    const [uid, gid] = user.args.trim().split(':');
    if (!/^\d+$/.test(uid))
      problems.push(`USER ${user.args}: use a numeric uid (Kubernetes runAsNonRoot)`);
    else if (Number(uid) === 0) problems.push(`USER ${user.args}: runs as root`);
    if (gid !== undefined && (!/^\d+$/.test(gid) || Number(gid) === 0)) {
      problems.push(`USER ${user.args}: use a numeric, non-root group`);
    }
    const lastRun = Math.max(-1, ...of('RUN').map((i) => i.line));
    if (lastRun > user.line)
      problems.push(
        `RUN on line ${lastRun} comes after USER: it runs as the app user or undoes it`,
      );
  }

  const entrypoint = of('ENTRYPOINT').pop();
  const argv = entrypoint ? execForm(entrypoint.args) : undefined;
  if (!argv) {
    problems.push('runtime stage needs an exec-form ENTRYPOINT');
  } else {
    const init = argv[0].split('/').pop();
    if (init !== 'tini' && init !== 'dumb-init')
      problems.push(`ENTRYPOINT starts ${argv[0]}, not an init (tini)`);
    const installsInit = of('RUN').some((i) =>
      /apt-get install[^&]*\b(tini|dumb-init)\b/.test(i.args),
    );
    const copiesInit = of('COPY').some((i) => /\b(tini|dumb-init)\b/.test(i.args));
    if (!installsInit && !copiesInit)
      problems.push('the init in ENTRYPOINT is never installed in the runtime stage');
  }

  const healthcheck = of('HEALTHCHECK').pop();
  if (!healthcheck) problems.push('runtime stage has no HEALTHCHECK');
  else if (/^NONE\b/i.test(healthcheck.args))
    problems.push('HEALTHCHECK NONE disables the health check');
  else if (!/\bCMD\b/.test(healthcheck.args)) problems.push('HEALTHCHECK has no CMD');

  for (const run of of('RUN')) {
    if (/\bnpm (ci|install|i)\b/.test(run.args))
      problems.push(`line ${run.line}: installs npm packages in the runtime stage`);
  }
  const prodDeps = new Set(
    stages
      .filter((s) =>
        s.instructions.some((i) => i.keyword === 'RUN' && /\bnpm ci\b.*--omit=dev/.test(i.args)),
      )
      .map((s) => s.name),
  );
  // The top-level node_modules (not dist/node_modules, the @voltlane/* stubs) must be production-only.
  const dependencyCopies = of('COPY').filter((i) =>
    /\s(\.\/|\/app\/)?node_modules\/?$/.test(i.args),
  );
  if (dependencyCopies.length === 0) problems.push('runtime stage copies no node_modules');
  for (const copy of dependencyCopies) {
    const from = /--from=(\S+)/.exec(copy.args)?.[1];
    if (from === undefined || !prodDeps.has(from)) {
      problems.push(
        `line ${copy.line}: node_modules does not come from an \`npm ci --omit=dev\` stage`,
      );
    }
  }
  return problems;
}

function checkSecrets(stage: DockerStage): string[] {
  const problems: string[] = [];
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
      for (const name of envNames(instruction.args)) {
        if (SECRET_NAME.test(name)) {
          problems.push(
            `line ${instruction.line}: ${instruction.keyword} ${name} bakes a secret into the image`,
          );
        }
      }
    }
    if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
      if (/(^|[\s/])(\.env\S*|\S*\.pem|\S*\.key|id_rsa\S*|\.npmrc)(\s|$)/.test(instruction.args)) {
        problems.push(`line ${instruction.line}: ${instruction.keyword} copies a secret file`);
      }
    }
  }
  return problems;
}

function envNames(args: string): string[] {
  if (!args.includes('=')) return [args.split(/\s+/)[0]];
  return [...args.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1]);
}

function checkCopySources(stages: DockerStage[], contextHas: (path: string) => boolean): string[] {
  const problems: string[] = [];
  for (const stage of stages) {
    for (const copy of stage.instructions.filter((i) => i.keyword === 'COPY')) {
      if (/--from=/.test(copy.args)) continue;
      const words = copy.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      for (const source of words.slice(0, -1)) {
        if (!contextHas(source))
          problems.push(`line ${copy.line}: COPY source ${source} does not exist`);
      }
    }
  }
  return problems;
}
