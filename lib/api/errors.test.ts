import { describe, expect, it } from 'vitest';
import { errorResponse, isDatabaseDown } from './errors';

describe('database-down errors answer 503, others 500', () => {
  it('looks through drizzle\'s wrapper and AggregateError to the socket error', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const wrapped = new Error('Failed query: select 1', { cause: new AggregateError([refused], '') });
    expect(isDatabaseDown(wrapped)).toBe(true);
    expect(isDatabaseDown(new Error('Failed query', { cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) }))).toBe(true);
    expect(isDatabaseDown(new Error('Connection terminated unexpectedly'))).toBe(true);
    const res = errorResponse(wrapped);
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('unavailable');
  });

  it('a query error is not an outage', async () => {
    const bad = new Error('Failed query', { cause: Object.assign(new Error('syntax error'), { code: '42601' }) });
    expect(isDatabaseDown(bad)).toBe(false);
    expect(errorResponse(bad).status).toBe(500);
  });
});
