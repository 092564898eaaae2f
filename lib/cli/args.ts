/** Minimal argv parsing for the CLI: positionals, `--flag value`, `--flag=value`, boolean `--json`. */
export type Args = { positionals: string[]; flags: Record<string, string | true> };

const BOOLEAN = new Set(['json', 'force', 'password-stdin', 'help', 'apply']);

export function parseArgs(argv: readonly string[]): Args {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) { positionals.push(a); continue; }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) flags[name] = a.slice(eq + 1);
    else if (BOOLEAN.has(name) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) flags[name] = true;
    else flags[name] = argv[++i]!;
  }
  return { positionals, flags };
}

export class CliError extends Error {}
