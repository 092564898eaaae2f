/**
 * Undated names that moved from one snapshot to another, with the day each meaning began. The catalog's aliases give a
 * name's meaning today (what a leaderboard or a what-if target means by it); these give what usage and price sheets of an
 * earlier day meant, so that `gpt-4o` used on 2024-07-01 is costed as gpt-4o-2024-05-13 at that day's price, not as the
 * later snapshot. Each name's last period must be the snapshot the catalog aliases it to (checked by the seed test).
 * Usage before a name's first period takes its first meaning.
 *
 * Names whose history we do not know well enough to date (mistral-large-latest, chatgpt-4o-latest, …) are not here and
 * not aliased: each becomes a catalog entry of its own, derived from the price sheets, priced by each sheet's own entry
 * for the name (lib/catalog/derive.ts).
 */
export type MovingAlias = { names: string[]; periods: [from: string, modelId: string][]; source: string };

export const MOVING_ALIASES: MovingAlias[] = [
  {
    names: ['gpt-3.5-turbo', 'openai/gpt-3.5-turbo'],
    periods: [['2023-03-01', 'gpt-3.5-turbo-0301'], ['2023-06-27', 'gpt-3.5-turbo-0613'], ['2024-02-16', 'gpt-3.5-turbo-0125']],
    source: 'OpenAI, "Function calling and other API updates" (2023-06-13): stable names upgraded to the 0613 snapshots on 2023-06-27; '
      + '"New embedding models and API updates" (2024-01-25): the alias moves to gpt-3.5-turbo-0125 two weeks after its launch (2024-02-16)',
  },
  {
    names: ['gpt-4', 'openai/gpt-4'],
    periods: [['2023-03-14', 'gpt-4-0314'], ['2023-06-27', 'gpt-4-0613']],
    source: 'OpenAI, "Function calling and other API updates" (2023-06-13): gpt-4 upgraded to gpt-4-0613 on 2023-06-27',
  },
  {
    names: ['gpt-4o', 'openai/gpt-4o'],
    periods: [['2024-05-13', 'gpt-4o-2024-05-13'], ['2024-10-02', 'gpt-4o-2024-08-06']],
    source: 'OpenAI models page and changelog: gpt-4o pointed to gpt-4o-2024-05-13 from launch and to gpt-4o-2024-08-06 from 2024-10-02; '
      + 'db/seed/data/litellm-model-prices-2024-06-17.json#gpt-4o (5/15 per 1M, the 2024-05-13 price)',
  },
  {
    names: ['claude-3-5-sonnet-latest', 'claude-3.5-sonnet', 'anthropic/claude-3.5-sonnet'],
    periods: [['2024-06-20', 'claude-3-5-sonnet-20240620'], ['2024-10-22', 'claude-3-5-sonnet-20241022']],
    source: 'Anthropic, "Introducing computer use, a new Claude 3.5 Sonnet…" (2024-10-22): the newest 3.5 Sonnet is 20241022 from that day; '
      + 'OpenRouter\'s anthropic/claude-3.5-sonnet named 20240620 before it',
  },
];
