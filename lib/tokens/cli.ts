import fs from 'node:fs';
import { CliError } from '@/lib/cli/args';
import { compareStream, summarize } from './compare';
import type { TokenizerId } from './ids';
import { DEFAULT_FROM, DEFAULT_TO, isTokenizerId, TOKENIZER_IDS } from './ids';
import type { SampleFormat } from './samples';
import { SAMPLE_FORMATS } from './samples';

const tokenizer = (v: string | undefined, fallback: TokenizerId, name: string): TokenizerId => {
  if (v === undefined) return fallback;
  if (!isTokenizerId(v)) throw new CliError(`--${name} is one of ${TOKENIZER_IDS.join(', ')}, not "${v}"`);
  return v;
};

/** `tokens compare <file> --from a --to b [--tokenizers x,y] [--format f] [--rounds n] [--seed n]`: no database. */
export async function tokensCompareCommand(file: string | undefined, flag: (name: string) => string | undefined, log: (m: string) => void) {
  if (!file) throw new CliError('name the file: tokens compare <file> --from cl100k_base --to llama3');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`no such file: ${file}`);
  const from = tokenizer(flag('from'), DEFAULT_FROM, 'from');
  const to = tokenizer(flag('to'), DEFAULT_TO, 'to');
  if (from === to) throw new CliError('--from and --to must be different tokenizers');
  const extra = (flag('tokenizers') ?? '').split(',').filter(Boolean).map((t) => tokenizer(t.trim(), from, 'tokenizers'));
  const format = (flag('format') ?? 'auto') as SampleFormat;
  if (!SAMPLE_FORMATS.includes(format)) throw new CliError(`--format is one of ${SAMPLE_FORMATS.join(', ')}`);
  const rounds = flag('rounds') ? Number(flag('rounds')) : undefined;
  if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 100 || rounds > 100_000)) throw new CliError('--rounds is a whole number from 100 to 100000');
  const seed = flag('seed') ? Number(flag('seed')) : undefined;
  const r = await compareStream(fs.createReadStream(file), { from, to, tokenizers: extra, format, rounds, seed, maxBytes: Number.MAX_SAFE_INTEGER });
  log(`${r.samples.toLocaleString('en-US')} samples (${r.format}${r.roles ? ', with roles' : ''}) in ${(r.millis / 1000).toFixed(1)} s; ${to}/${from} = ${r.all.ratio} (95% ${r.all.ratioLower}–${r.all.ratioUpper})`);
  if (r.input && r.output) log(`input ${r.input.ratio} (${r.input.ratioLower}–${r.input.ratioUpper}), output ${r.output.ratio} (${r.output.ratioLower}–${r.output.ratioUpper})`);
  if (r.skipped > 0) log(`${r.skipped} line(s) skipped; first: line ${r.issues[0]!.line}: ${r.issues[0]!.reason}`);
  return {
    ok: true, from, to, format: r.format, ...summarize(r), skipped: r.skipped, issues: r.issues.slice(0, 20),
    tokenizers: r.tokenizers.map((t) => ({ id: t.id, input: t.input, output: t.output, total: t.total, ratio: t.ratio })),
  };
}
