/** One Dockerfile instruction after line continuations are joined and comments dropped. */
export interface DockerInstruction {
  /** Upper-case keyword: FROM, RUN, COPY, USER, … */
  keyword: string;
  /** Everything after the keyword, continuation lines joined with single spaces. */
  args: string;
  /** 1-based line the instruction starts on. */
  line: number;
}

export interface DockerStage {
  /** `AS <name>`, if any. */
  name?: string;
  /** The image reference as written (ARG references unexpanded). */
  image: string;
  instructions: DockerInstruction[];
}

export interface ParsedDockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Record<string, string | undefined>;
  stages: DockerStage[];
}

/** A small, strict parser for the subset of the Dockerfile syntax this repository uses. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const instructions: DockerInstruction[] = [];
  let pending: { parts: string[]; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (!pending && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (pending && trimmed.startsWith('#')) return;
    const continued = /\\\s*$/.test(raw);
    const content = continued ? raw.replace(/\\\s*$/, '') : raw;
    if (!pending) pending = { parts: [], line: index + 1 };
    pending.parts.push(content.trim());
    if (!continued) {
      const joined = pending.parts.filter((p) => p !== '').join(' ');
      const match = /^(\S+)\s*(.*)$/.exec(joined);
      if (match) {
        instructions.push({ keyword: match[1].toUpperCase(), args: match[2], line: pending.line });
      }
      pending = undefined;
    }
  });
  if (pending)
    throw new Error(`Dockerfile ends inside a continued instruction (line ${pending.line})`);

  const globalArgs: Record<string, string | undefined> = {};
  const stages: DockerStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!from) throw new Error(`line ${instruction.line}: cannot parse FROM ${instruction.args}`);
      stages.push({ image: from[1], name: from[2], instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') {
        throw new Error(`line ${instruction.line}: ${instruction.keyword} before the first FROM`);
      }
      const [name, value] = splitAssignment(instruction.args);
      globalArgs[name] = value;
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** Expands `${NAME}` / `$NAME` from global ARG defaults (what `docker build` does without --build-arg). */
export function expandArgs(value: string, args: Record<string, string | undefined>): string {
  return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string, bare: string) => {
    const resolved = args[braced ?? bare];
    if (resolved === undefined) throw new Error(`${whole} has no default value`);
    return resolved;
  });
}

/** The JSON (exec) form of CMD/ENTRYPOINT/HEALTHCHECK CMD, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.trim().startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) {
    throw new Error(`not a JSON array of strings: ${args}`);
  }
  return parsed as string[];
}

function splitAssignment(args: string): [string, string | undefined] {
  const eq = args.indexOf('=');
  return eq < 0 ? [args.trim(), undefined] : [args.slice(0, eq).trim(), args.slice(eq + 1).trim()];
}
