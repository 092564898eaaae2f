import type { UsageFormat } from '../types';
import { ANTHROPIC_FORMATS } from './anthropic';
import { BEDROCK_FORMATS } from './bedrock';
import { OBSERVABILITY_FORMATS } from './langfuse-helicone';
import { LITELLM_FORMATS } from './litellm';
import { OPENAI_FORMATS } from './openai';
import { OPENROUTER_FORMATS } from './openrouter';

/** Every format Frontier reads, detected from content; order breaks ties (earlier wins). */
export const FORMATS: UsageFormat[] = [
  ...OPENAI_FORMATS, ...ANTHROPIC_FORMATS, ...OPENROUTER_FORMATS, ...LITELLM_FORMATS, ...OBSERVABILITY_FORMATS, ...BEDROCK_FORMATS,
];

export function formatById(id: string): UsageFormat | undefined {
  return FORMATS.find((f) => f.id === id);
}

export const FORMAT_IDS = [...FORMATS.map((f) => f.id), 'generic-csv'];
