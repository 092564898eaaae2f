/** One price as a sheet states it: USD per 1M tokens, decimal strings (exact). */
export type PriceRow = {
  modelId: string;
  providerId: string;
  inputPerMtok: string;
  outputPerMtok: string;
  cachedInputPerMtok: string | null;
  batchInputPerMtok: string | null;
  batchOutputPerMtok: string | null;
  currency: string;
  /** Key or row the price came from, for provenance. */
  sourceKey: string;
};

export type SkippedKey = { key: string; reason: string };

export type PriceImport = {
  rows: PriceRow[];
  /** Keys that were read but gave no price, with why (non-chat mode, provider not tracked, no catalog model…). */
  skipped: SkippedKey[];
  /** Raw keys that look like chat models but match no catalog model: candidates for new aliases. */
  unmapped: string[];
};
