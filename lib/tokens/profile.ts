import { z } from 'zod';
import { jsonInt } from '@/lib/api/params';
import { TOKENIZER_IDS } from './ids';

/** A saved token profile as it crosses the API: ratios as decimal strings (six places), dates as ISO strings. */
export type TokenProfile = {
  id: string;
  name: string;
  sourceTokenizer: string;
  targetTokenizer: string;
  samples: number;
  inputRatio: string;
  inputLower: string;
  inputUpper: string;
  outputRatio: string;
  outputLower: string;
  outputUpper: string;
  detail: Record<string, unknown>;
  createdAt: string;
};

const ratio = z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, 'a ratio is a decimal like 0.914286').refine((s) => Number(s) > 0, 'a ratio is above 0');
const range = z.object({ ratio, lower: ratio, upper: ratio });

export const profileInputSchema = z.object({
  name: z.string().trim().min(1, 'name the profile').max(120),
  sourceTokenizer: z.enum(TOKENIZER_IDS),
  targetTokenizer: z.enum(TOKENIZER_IDS),
  samples: jsonInt(),
  input: range,
  /** Absent when the samples have no roles: output then equals input. */
  output: range.optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
}).refine((p) => p.sourceTokenizer !== p.targetTokenizer, { message: 'source and target tokenizers must differ', path: ['targetTokenizer'] });
export type ProfileInput = z.infer<typeof profileInputSchema>;
