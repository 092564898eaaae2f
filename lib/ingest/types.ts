/**
 * The one shape every usage export becomes. Parsers (lib/ingest/formats/*) are pure: they turn a header and
 * fields, a JSON document or a JSONL object into records, skips or rejections; the pipeline does the rest
 * (decoding, detection, model resolution, row keys, costing, the transaction).
 */
export type Granularity = 'request' | 'minute' | 'hour' | 'day';

export type UsageRecord = {
  /** Start of the bucket (or the request time), UTC. */
  occurredAt: Date;
  granularity: Granularity;
  /** Frontier provider id (`openai`, `anthropic`, `openrouter`, `together_ai`, …; see lib/catalog/types PROVIDERS), or null if the export does not say. */
  providerId: string | null;
  /** The model string exactly as the export wrote it (trimmed). Never empty. */
  rawModel: string;
  project: string;
  apiKey: string;
  userRef: string;
  requests: number;
  /** ALL input tokens, cached ones included (OpenAI semantics). */
  inputTokens: number;
  /** The cached subset of inputTokens (cache reads). */
  cachedInputTokens: number;
  outputTokens: number;
  /** Batch API traffic (discounted price). */
  batch: boolean;
  /** What the export says this cost, in US dollars, as an exact decimal string; null when it says nothing. */
  reportedCostUsd: string | null;
  /**
   * Identity beyond time, granularity, provider, model, project, key, user and batch: e.g. a request id, a cost
   * line item, a token type. Two records with the same identity are the same bucket (counted once).
   */
  keyExtra?: string;
};

export type RowOutcome =
  | { kind: 'records'; records: UsageRecord[] }
  /** Not an error (an empty bucket, an embeddings line in a chat export): counted as skipped. */
  | { kind: 'skip'; reason: string }
  /** A row that cannot be read: listed with its line and reason, counted against the rejection threshold. */
  | { kind: 'reject'; reason: string };

type FormatBase = {
  /** Stable id, kebab-case, used in `?format=` and the CLI's `--format`. */
  id: string;
  /** For people: `OpenAI dashboard usage export (CSV)`. */
  label: string;
  /**
   * Row keys are computed within a family: two exports of the same data in different shapes (the Usage API and
   * the dashboard CSV) share a family so an overlap counts once. Usage and cost exports are separate families.
   */
  family: string;
};

export type CsvFormat = FormatBase & {
  kind: 'csv';
  /** 0 (not this format) … 1 (certainly this format), from the header: names lower-cased and trimmed. */
  detect(header: string[]): number;
  /** Returns the row reader for a file with this header (fields in header order, already unquoted). */
  start(header: string[]): (fields: string[]) => RowOutcome;
};

export type JsonFormat = FormatBase & {
  kind: 'json';
  detect(doc: unknown): number;
  /** Every unit of the document with a 1-based position (`line` is the record's index for JSON documents). */
  rows(doc: unknown): Iterable<{ line: number; outcome: RowOutcome }>;
};

export type JsonlFormat = FormatBase & {
  kind: 'jsonl';
  /** Decided from the first non-empty line's parsed object. */
  detect(first: unknown): number;
  row(obj: unknown): RowOutcome;
};

export type UsageFormat = CsvFormat | JsonFormat | JsonlFormat;
