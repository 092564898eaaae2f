/** The app's screens, in sidebar order. `ready` marks the ones that exist today. */
export const NAV = [
  { href: '/overview', label: 'Overview', ready: true, blurb: 'Spend this month against last, the forecast to month end, top models and projects, and what moved.' },
  { href: '/usage', label: 'Usage', ready: true, blurb: 'Explore spend, tokens and requests over time by model, provider, project, API key and user; reconcile computed against reported cost.' },
  { href: '/models', label: 'Models', ready: true, blurb: 'Arena Elo against blended price per 1M tokens, with the Pareto frontier.' },
  { href: '/what-if', label: 'What-if', ready: true, blurb: 'Move workloads to another model, hosted, self-hosted or fine-tuned, and see savings, payback and quality side by side.' },
  { href: '/uploads', label: 'Uploads', ready: true, blurb: 'Upload usage exports from OpenAI, Anthropic, OpenRouter, LiteLLM and more; every rejected row listed with its line.' },
  { href: '/prices', label: 'Prices', ready: true, blurb: 'Price sheets with effective dates, negotiated overrides and controlled re-pricing.' },
  { href: '/quality', label: 'Quality', ready: true, blurb: 'Arena snapshots and your own pairwise judgments fitted to Elo with bootstrap confidence intervals.' },
  { href: '/tokens', label: 'Tokens', ready: true, blurb: 'Count your own prompts with the real tokenizers and measure how many tokens the same work takes on each model.' },
  { href: '/reports', label: 'Reports', ready: true, blurb: 'Frozen snapshots for finance, share links, CSV and XLSX export.' },
  { href: '/settings', label: 'Settings', ready: true, blurb: 'Workspace members, roles, API keys and the audit log.' },
] as const;
