import { describe, expect, test } from 'vitest';
import { modelColor, OTHER_COLOR, seriesColor, seriesColors, vendorColor } from './colors';

describe('stable model colours', () => {
  test.each([
    ['gpt-3.5-turbo-0125', 'GPT-3.5 Turbo (0125)'],
    ['gpt-4o-2024-08-06', 'GPT-4o (2024-08-06)'],
    ['gpt-4o-2024-08-06', 'openai/gpt-4o-2024-08-06'],
  ])('%s and %s are one model, one colour', (a, b) => expect(modelColor(a)).toBe(modelColor(b)));

  test('a vendor family keeps its hue; the same id always gets the same colour', () => {
    expect(['#10a37f', '#0d8a6c', '#34c29a', '#5bb98c', '#0f766e', '#65a30d', '#22c55e', '#047857']).toContain(modelColor('gpt-4o-2024-08-06'));
    expect(['#d97757', '#c2603f', '#e8956f', '#b7791f', '#a8553a', '#f0a27a']).toContain(modelColor('claude-3-haiku-20240307'));
    expect(['#2563eb', '#3b82f6', '#1d4ed8', '#6366f1', '#60a5fa', '#4338ca']).toContain(modelColor('meta-llama/Llama-3-70b-chat-hf'));
    expect(modelColor('some-new-model')).toBe(modelColor('some-new-model'));
    expect(vendorColor('OpenAI')).toBe('#10a37f');
    expect(seriesColor('project', 'Other')).toBe(OTHER_COLOR);
    expect(seriesColor('model', 'gpt-3.5-turbo-0125')).toBe(modelColor('gpt-3.5-turbo-0125'));
  });

  test("one chart's series never share a colour, and each keeps it when the chart's set is the same", () => {
    const ids = ['gpt-3.5-turbo-0125', 'gpt-4o-2024-08-06', 'claude-3-haiku-20240307', 'claude-sonnet-4-20250514', 'llama-3-70b-instruct', 'llama-3-8b-instruct', 'Other'];
    const a = seriesColors('model', ids);
    expect(new Set(a.values()).size).toBe(ids.length);
    expect(seriesColors('model', [...ids].reverse())).toEqual(a);
    expect(a.get('Other')).toBe(OTHER_COLOR);
  });
});
