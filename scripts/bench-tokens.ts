/**
 * `npm run bench -- tokens [--samples N] [--file-mb M] [--json]`: N generated chat samples (English, Hindi, Greek,
 * Chinese, Russian, code, numbers; seeded) through three tokenizers, each timed alone (samples/s), then the whole
 * streaming comparison (read JSONL → count with all three → bootstrap). With --file-mb, also a generated JSONL file
 * of about M MB streamed from disk, reporting the longest event-loop stall (what other requests would wait).
 * Peak RSS is the process's high-water mark (getrusage).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { compareStream, textChunks } from '@/lib/tokens/compare';
import type { TokenizerId } from '@/lib/tokens/ids';
import { seededRandom } from '@/lib/tokens/stats';
import { loadTokenizers } from '@/lib/tokens/tokenizers';

const TEXTS = {
  en: ['Can you summarize the attached quarterly report in three bullet points?', 'The customer says the package arrived damaged and wants a refund.', 'Please rewrite this paragraph in a friendlier tone for our newsletter.'],
  hi: ['कृपया इस रिपोर्ट का सारांश तीन बिंदुओं में दें।', 'ग्राहक का कहना है कि पैकेज क्षतिग्रस्त आया और वह धनवापसी चाहता है।'],
  el: ['Μπορείτε να συνοψίσετε την αναφορά σε τρία σημεία;', 'Ο πελάτης λέει ότι το δέμα έφτασε κατεστραμμένο.'],
  zh: ['请用三个要点总结这份季度报告。', '客户说包裹到达时已损坏，希望退款。'],
  ru: ['Пожалуйста, кратко изложите отчёт в трёх пунктах.', 'Клиент говорит, что посылка пришла повреждённой.'],
  code: ['function total(items) {\n  return items.reduce((s, i) => s + i.price * i.qty, 0);\n}', 'SELECT model, sum(cost) FROM usage WHERE day >= \'2026-01-01\' GROUP BY model ORDER BY 2 DESC;', 'def parse(line):\n    key, _, value = line.partition("=")\n    return key.strip(), value.strip()'],
  num: ['Invoice 2026-0042: 1,250.00 EUR, 3 items, due 2026-12-31, IBAN DE89 3704 0044 0532 0130 00.', 'Coordinates 48.8566, 2.3522; altitude 35 m; 2026-11-26T20:35:01Z'],
};
const KINDS = Object.keys(TEXTS) as (keyof typeof TEXTS)[];

export function generateChat(n: number, seed = 42): string[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = pick(KINDS);
    const user = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(TEXTS[kind])).join(' ');
    const answer = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => pick(TEXTS[rand() < 0.7 ? kind : 'en'])).join('\n');
    out.push(JSON.stringify({ messages: [{ role: 'system', content: 'You are a concise assistant.' }, { role: 'user', content: `${user} #${i}` }, { role: 'assistant', content: answer }] }));
  }
  return out;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export async function benchTokens(opts: { samples: number; fileMb: number; tokenizers?: TokenizerId[] }) {
  const ids: TokenizerId[] = opts.tokenizers ?? ['cl100k_base', 'o200k_base', 'llama3'];
  const lines = generateChat(opts.samples);
  const parsed = lines.map((l) => JSON.parse(l) as { messages: { content: string }[] });
  const t0 = performance.now();
  const toks = await loadTokenizers(ids);
  const loadSeconds = (performance.now() - t0) / 1000;
  const perTokenizer = [];
  for (const t of toks) {
    const s = performance.now();
    let tokens = 0;
    for (const p of parsed) for (const m of p.messages) tokens += t.count(m.content);
    const seconds = (performance.now() - s) / 1000;
    perTokenizer.push({ id: t.id, samples: parsed.length, tokens, seconds: round(seconds), samplesPerSecond: Math.round(parsed.length / seconds), tokensPerSecond: Math.round(tokens / seconds) });
  }
  const s = performance.now();
  const r = await compareStream(textChunks(lines.join('\n')), { from: ids[0]!, to: ids[2] ?? ids[1]!, tokenizers: ids, maxBytes: Number.MAX_SAFE_INTEGER });
  const pipelineSeconds = (performance.now() - s) / 1000;
  const result: Record<string, unknown> = {
    samples: opts.samples, tokenizers: ids, loadSeconds: round(loadSeconds), perTokenizer,
    pipeline: { samples: r.samples, seconds: round(pipelineSeconds), samplesPerSecond: Math.round(r.samples / pipelineSeconds), ratio: r.all.ratio, ratioLower: r.all.ratioLower, ratioUpper: r.all.ratioUpper },
    peakRssMb: peakRssMb(),
  };
  if (opts.fileMb > 0) result.file = await benchFile(opts.fileMb, ids);
  return result;
}

/** A JSONL file of about `mb` MB streamed from disk through the comparison, with an event-loop stall monitor. */
async function benchFile(mb: number, ids: TokenizerId[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontier-bench-tokens-'));
  const file = path.join(dir, 'samples.jsonl');
  try {
    const w = fs.createWriteStream(file);
    let bytes = 0;
    for (let batch = 0; bytes < mb * 1024 * 1024; batch++) {
      const chunk = `${generateChat(1000, 1000 + batch).join('\n')}\n`;
      bytes += Buffer.byteLength(chunk);
      if (!w.write(chunk)) await once(w, 'drain');
    }
    w.end();
    await once(w, 'finish');
    const rssBefore = Math.round(process.memoryUsage().rss / 1024 / 1024);
    let maxStall = 0;
    let last = performance.now();
    const timer = setInterval(() => { const now = performance.now(); maxStall = Math.max(maxStall, now - last - 10); last = now; }, 10);
    let rssMax = 0;
    const rssTimer = setInterval(() => { rssMax = Math.max(rssMax, process.memoryUsage().rss); }, 50);
    const s = performance.now();
    const r = await compareStream(fs.createReadStream(file), { from: ids[0]!, to: ids[2] ?? ids[1]!, tokenizers: ids, maxBytes: Number.MAX_SAFE_INTEGER });
    const seconds = (performance.now() - s) / 1000;
    clearInterval(timer);
    clearInterval(rssTimer);
    return { megabytes: round(bytes / 1024 / 1024), samples: r.samples, seconds: round(seconds), samplesPerSecond: Math.round(r.samples / seconds), maxEventLoopStallMs: Math.round(maxStall), rssBeforeMb: rssBefore, rssDuringMaxMb: Math.round(rssMax / 1024 / 1024) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
