import type { UsageFormat } from '../types';
import { anthropicCostReport, anthropicUsageReport } from './anthropic-api';
import { anthropicConsoleCost, anthropicConsoleTokens } from './anthropic-console';

/** Anthropic's exports: the Console CSVs and the Admin API report dumps (usage and cost are separate families). */
export const ANTHROPIC_FORMATS: UsageFormat[] = [anthropicConsoleTokens, anthropicConsoleCost, anthropicUsageReport, anthropicCostReport];
