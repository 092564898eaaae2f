import type { UsageFormat } from '../types';
import { openaiCostsApi, openaiLegacyBilling, openaiLegacyUsage, openaiUsageApi } from './openai-api';
import { openaiDashboardCost, openaiDashboardUsage } from './openai-dashboard';
import { openaiRequests, openaiRequestsJson } from './openai-requests';

/** Every OpenAI export format, in the order the registry lists them. */
export const OPENAI_FORMATS: UsageFormat[] = [
  openaiUsageApi,
  openaiCostsApi,
  openaiDashboardUsage,
  openaiDashboardCost,
  openaiLegacyUsage,
  openaiLegacyBilling,
  openaiRequests,
  openaiRequestsJson,
];
