import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CATALOG } from '@/db/seed/catalog';
import { aliasRowsFor } from '@/lib/catalog/resolve';
import { importPriceCsv, PriceCsvFormatError, providerId } from './csv-sheet';

const fixture = fs.readFileSync(path.join(__dirname, '__fixtures__/api-prices-2024.csv'), 'utf8');
const real = { models: CATALOG, aliases: aliasRowsFor(CATALOG) };

const small = [
  { id: 'gpt-3.5-turbo-0125', aliases: ['gpt-3.5-turbo'] },
  { id: 'llama-3-70b-instruct', aliases: ['llama3-70b-8192', 'meta-llama/Meta-Llama-3-70B-Instruct'] },
];
const catalog = { models: small, aliases: aliasRowsFor(small) };
const HEADER = 'model,provider,input_per_mtok,output_per_mtok,cached_input_per_mtok,effective_from,currency';
const sheet = (...lines: string[]) => importPriceCsv([HEADER, ...lines].join('\n'), catalog);

describe('importPriceCsv on the reference layout (fixtures/prices/api-prices-2024.csv)', () => {
  const r = importPriceCsv(fixture, real);
  const price = (date: string, model: string, provider: string) =>
    r.sheets.find((s) => s.effectiveFrom === date)?.rows.find((x) => x.modelId === model && x.providerId === provider);

  test('one sheet per price date, oldest first', () => {
    expect(r.sheets.map((s) => [s.effectiveFrom, s.rows.length])).toEqual([['2024-06-17', 33], ['2024-07-25', 3], ['2026-07-24', 4]]);
  });

  test('GPT-3.5 Turbo 0125 on OpenAI is $0.50 / $1.50 from 2024-06-17, with the row as provenance', () => {
    expect(price('2024-06-17', 'gpt-3.5-turbo-0125', 'openai')).toEqual({
      modelId: 'gpt-3.5-turbo-0125', providerId: 'openai', inputPerMtok: '0.5', outputPerMtok: '1.5', cachedInputPerMtok: null,
      batchInputPerMtok: null, batchOutputPerMtok: null, currency: 'USD', sourceKey: 'csv:2',
    });
  });

  test('Groq Llama 3 70B: $0.64 / $0.80 on 2024-06-17, $0.59 / $0.79 from 2024-07-25', () => {
    expect(price('2024-06-17', 'llama-3-70b-instruct', 'groq')).toMatchObject({ inputPerMtok: '0.64', outputPerMtok: '0.8', sourceKey: 'csv:16' });
    expect(price('2024-07-25', 'llama-3-70b-instruct', 'groq')).toMatchObject({ inputPerMtok: '0.59', outputPerMtok: '0.79', sourceKey: 'csv:17' });
  });

  test('provider notes in parentheses are dropped (`bedrock (us-east-1/us-west-2)`, `together_ai (41.1B-80B bucket)`)', () => {
    expect(price('2024-06-17', 'llama-3-70b-instruct', 'bedrock')).toMatchObject({ inputPerMtok: '2.65', outputPerMtok: '3.5' });
    expect(price('2024-06-17', 'llama-3-70b-instruct', 'together_ai')).toMatchObject({ inputPerMtok: '0.9', outputPerMtok: '0.9' });
  });

  test('a model the catalog does not alias by its written name resolves through litellm_key', () => {
    // `mixtral-8x22b-instruct` is not an alias; `mistral/open-mixtral-8x22b` is.
    expect(price('2024-06-17', 'mixtral-8x22b-instruct-v0.1', 'mistral')).toMatchObject({ inputPerMtok: '2', outputPerMtok: '6' });
    // `gpt-4o (alias, current)` is annotated; its key `gpt-4o` names today's snapshot.
    expect(price('2026-07-24', 'gpt-4o-2024-08-06', 'openai')).toMatchObject({ inputPerMtok: '2.5', outputPerMtok: '10' });
  });

  test('the fine-tuning usage row matches no catalog model: rejected and listed as unmapped', () => {
    expect(r.rejects).toEqual([{ line: 5, reason: 'unknown model "ft:gpt-3.5-turbo (usage)"' }]);
    expect(r.unmapped).toEqual(['ft:gpt-3.5-turbo (usage)']);
  });
});

describe('importPriceCsv on its own layout', () => {
  test('header names in any order and any case; cached price and currency optional', () => {
    const r = importPriceCsv('Effective_From,OUTPUT_PER_MTOK,Model,Provider,Input_Per_Mtok\n2024-06-17,1.50,gpt-3.5-turbo,OpenAI,0.50\n', catalog);
    expect(r).toEqual({
      sheets: [{
        effectiveFrom: '2024-06-17',
        rows: [{
          modelId: 'gpt-3.5-turbo-0125', providerId: 'openai', inputPerMtok: '0.5', outputPerMtok: '1.5', cachedInputPerMtok: null,
          batchInputPerMtok: null, batchOutputPerMtok: null, currency: 'USD', sourceKey: 'csv:2',
        }],
      }],
      rejects: [], unmapped: [],
    });
  });

  test('cached and batch prices, exact decimals, quoted thousands, CRLF, trailing empty rows', () => {
    const text = `${HEADER},batch_input_per_mtok,batch_output_per_mtok\r\n`
      + 'gpt-3.5-turbo-0125,openai,0.1000000001,"1,234.50",0.25,2024-06-17,usd,0.25,0.75\r\n'
      + 'llama3-70b-8192,groq,5e-07,0.79,,2024-06-17,,,\r\n,,,,,,,,\r\n';
    const r = importPriceCsv(text, catalog);
    expect(r.rejects).toEqual([]);
    expect(r.sheets[0]?.rows).toMatchObject([
      { inputPerMtok: '0.1000000001', outputPerMtok: '1234.5', cachedInputPerMtok: '0.25', batchInputPerMtok: '0.25', batchOutputPerMtok: '0.75', currency: 'USD' },
      { modelId: 'llama-3-70b-instruct', inputPerMtok: '0.0000005', outputPerMtok: '0.79', cachedInputPerMtok: null, batchInputPerMtok: null },
    ]);
  });

  test('a zero price is a price (a free tier, a sunk self-hosted cost)', () => {
    expect(sheet('gpt-3.5-turbo,openai,0,0,,2024-06-17,').sheets[0]?.rows[0]).toMatchObject({ inputPerMtok: '0', outputPerMtok: '0' });
  });

  test('opts.effectiveFrom fills a missing date column or an empty cell; a date the row states is kept', () => {
    const noColumn = importPriceCsv('model,provider,input_per_mtok,output_per_mtok\ngpt-3.5-turbo,openai,0.5,1.5\n', catalog, { effectiveFrom: '2024-06-17' });
    expect(noColumn.sheets.map((s) => s.effectiveFrom)).toEqual(['2024-06-17']);
    const mixed = importPriceCsv(`${HEADER}\ngpt-3.5-turbo,openai,0.5,1.5,,,\nllama3-70b-8192,groq,0.59,0.79,,2024-07-25,\n`, catalog, { effectiveFrom: '2024-06-17' });
    expect(mixed.sheets.map((s) => [s.effectiveFrom, s.rows.map((x) => x.modelId)])).toEqual([
      ['2024-06-17', ['gpt-3.5-turbo-0125']], ['2024-07-25', ['llama-3-70b-instruct']],
    ]);
  });

  test('the same price on several dates is several sheets, not a duplicate', () => {
    const r = sheet('gpt-3.5-turbo,openai,0.5,1.5,,2024-07-01,', 'gpt-3.5-turbo,openai,0.5,1.5,,2024-06-17,');
    expect(r.rejects).toEqual([]);
    expect(r.sheets.map((s) => s.effectiveFrom)).toEqual(['2024-06-17', '2024-07-01']);
  });

  test.each([
    ['negative input price', 'gpt-3.5-turbo,openai,-0.5,1.5,,2024-06-17,', 'input price -0.5 is negative'],
    ['negative cached price', 'gpt-3.5-turbo,openai,0.5,1.5,-0.1,2024-06-17,', 'cached input price -0.1 is negative'],
    ['non-numeric output price', 'gpt-3.5-turbo,openai,0.5,$1.50,,2024-06-17,', 'output price "$1.50" is not a number'],
    ['non-numeric input price', 'gpt-3.5-turbo,openai,free,1.5,,2024-06-17,', 'input price "free" is not a number'],
    ['missing output price', 'gpt-3.5-turbo,openai,0.5,,,2024-06-17,', 'no output price'],
    ['unknown currency', 'gpt-3.5-turbo,openai,0.5,1.5,,2024-06-17,EUR', 'currency "EUR" is not supported: only USD prices are accepted'],
    ['date not YYYY-MM-DD', 'gpt-3.5-turbo,openai,0.5,1.5,,2024/06/17,', 'effective date "2024/06/17" is not a YYYY-MM-DD date'],
    ['US date', 'gpt-3.5-turbo,openai,0.5,1.5,,06/17/2024,', 'effective date "06/17/2024" is not a YYYY-MM-DD date'],
    ['impossible date', 'gpt-3.5-turbo,openai,0.5,1.5,,2024-02-30,', 'effective date "2024-02-30" does not exist'],
    ['no 29 February in 2023', 'gpt-3.5-turbo,openai,0.5,1.5,,2023-02-29,', 'effective date "2023-02-29" does not exist'],
    ['month 13', 'gpt-3.5-turbo,openai,0.5,1.5,,2024-13-01,', 'effective date "2024-13-01" does not exist'],
    ['missing date', 'gpt-3.5-turbo,openai,0.5,1.5,,,', 'no effective date'],
    ['unknown provider', 'gpt-3.5-turbo,acme-cloud,0.5,1.5,,2024-06-17,', 'unknown provider "acme-cloud"'],
    ['missing provider', 'gpt-3.5-turbo,,0.5,1.5,,2024-06-17,', 'no provider'],
    ['unknown model', 'gpt-9,openai,0.5,1.5,,2024-06-17,', 'unknown model "gpt-9"'],
    ['missing model', ',openai,0.5,1.5,,2024-06-17,', 'no model'],
    ['every problem at once', 'gpt-9,acme,-1,x,,2024-02-30,GBP',
      'unknown model "gpt-9"; unknown provider "acme"; input price -1 is negative; output price "x" is not a number; currency "GBP" is not supported: only USD prices are accepted; effective date "2024-02-30" does not exist'],
  ])('rejects a row with %s, by line and reason', (_name, line, reason) => {
    const r = sheet('llama3-70b-8192,groq,0.59,0.79,,2024-06-17,', line);
    expect(r.rejects).toEqual([{ line: 3, reason }]);
    expect(r.sheets).toHaveLength(1);
    expect(r.sheets[0]?.rows).toHaveLength(1);
  });

  test('29 February of a leap year is a day', () => {
    expect(sheet('gpt-3.5-turbo,openai,0.5,1.5,,2024-02-29,').sheets.map((s) => s.effectiveFrom)).toEqual(['2024-02-29']);
  });

  test('unknown models are listed once each in unmapped', () => {
    const r = sheet('gpt-9,openai,0.5,1.5,,2024-06-17,', 'gpt-9,azure,0.5,1.5,,2024-06-17,', 'claude-9,anthropic,1,2,,2024-06-17,');
    expect(r.unmapped).toEqual(['gpt-9', 'claude-9']);
    expect(r.rejects.map((x) => x.line)).toEqual([2, 3, 4]);
  });

  test('a second row for the same (model, provider, date) is rejected, also when written under another alias', () => {
    const r = sheet(
      'gpt-3.5-turbo-0125,openai,0.5,1.5,,2024-06-17,',
      'gpt-3.5-turbo,openai,0.4,1.2,,2024-06-17,',
      'gpt-3.5-turbo,azure,0.5,1.5,,2024-06-17,',
    );
    expect(r.rejects).toEqual([{ line: 3, reason: 'duplicate: line 2 already prices gpt-3.5-turbo-0125 on openai from 2024-06-17' }]);
    expect(r.sheets[0]?.rows.map((x) => [x.providerId, x.inputPerMtok, x.sourceKey])).toEqual([['openai', '0.5', 'csv:2'], ['azure', '0.5', 'csv:4']]);
  });

  test('line numbers count the physical lines, also after a quoted field with a newline', () => {
    const r = sheet('"gpt-3.5-turbo",openai,0.5,1.5,,2024-06-17,"USD"', '"gpt\n9",openai,0.5,1.5,,2024-06-17,', 'gpt-9,openai,0.5,1.5,,2024-06-17,');
    expect(r.rejects.map((x) => x.line)).toEqual([3, 5]);
  });
});

describe('importPriceCsv refuses what is not a price sheet', () => {
  test.each([
    ['an empty file', ''],
    ['a header without prices', 'model,provider,effective_from\n'],
    ['a usage export', 'date,model,input_tokens,output_tokens\n2024-06-17,gpt-3.5-turbo,10,20\n'],
    ['two input columns', 'model,provider,input_per_mtok,usd_per_1m_input,output_per_mtok,effective_from\n'],
    ['no date column and no date given', 'model,provider,input_per_mtok,output_per_mtok\ngpt-3.5-turbo,openai,0.5,1.5\n'],
  ])('%s', (_name, text) => {
    expect(() => importPriceCsv(text, catalog)).toThrow(PriceCsvFormatError);
  });

  test('names the missing columns', () => {
    expect(() => importPriceCsv('model,provider,effective_from\n', catalog)).toThrow(/missing columns input_per_mtok, output_per_mtok/);
  });

  test('an invalid effectiveFrom option is a caller error', () => {
    expect(() => importPriceCsv(`${HEADER}\n`, catalog, { effectiveFrom: '2024-6-1' })).toThrow(RangeError);
  });

  test('a header with no rows is an empty import', () => {
    expect(importPriceCsv(`${HEADER}\n`, catalog)).toEqual({ sheets: [], rejects: [], unmapped: [] });
  });
});

describe('providerId', () => {
  test.each([
    ['openai', 'openai'], ['OpenAI', 'openai'], ['together', 'together_ai'], ['Together AI', 'together_ai'], ['together-ai', 'together_ai'],
    ['together_ai (41.1B-80B bucket)', 'together_ai'], ['fireworks', 'fireworks_ai'], ['Fireworks AI', 'fireworks_ai'],
    ['bedrock', 'bedrock'], ['AWS Bedrock', 'bedrock'], ['bedrock_converse', 'bedrock'], ['bedrock (us-east-1/us-west-2)', 'bedrock'],
    ['google', 'google'], ['gemini', 'google'], ['Google (Gemini API)', 'google'], ['vertex', 'vertex_ai'], ['Google Vertex AI', 'vertex_ai'],
    ['vertex_ai-language-models', 'vertex_ai'], ['azure', 'azure'], ['Azure OpenAI', 'azure'], ['azure_ai', 'azure'],
    ['text-completion-openai', 'openai'], ['mistral (open-mixtral-8x22b)', 'mistral'], ['Mistral AI', 'mistral'], ['groq', 'groq'],
    ['deepinfra', 'deepinfra'], ['Self-hosted', 'self_hosted'], ['xAI', 'xai'],
  ])('%s → %s', (raw, id) => {
    expect(providerId(raw)).toBe(id);
  });

  test.each(['', 'acme', 'huggingface', 'ollama'])('%j is not a provider Frontier tracks', (raw) => {
    expect(providerId(raw)).toBeNull();
  });
});
