/** The browser side of the API's one error envelope `{ error: { code, message } }`. */
export type ApiResult = { ok: boolean; status: number; body: Record<string, unknown> };

export async function callApi(url: string, init?: RequestInit): Promise<ApiResult> {
  const res = await fetch(url, init);
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: res.ok, status: res.status, body };
}

export function apiError(r: ApiResult): string {
  return (r.body.error as { message?: string } | undefined)?.message ?? `Something went wrong (${r.status}).`;
}

/** For React Query: the body on success, an Error carrying the API's message (and the HTTP status) otherwise. */
export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const r = await callApi(url, init);
  if (!r.ok) throw Object.assign(new Error(apiError(r)), { status: r.status });
  return r.body as T;
}

/** Retry what may pass on a second try (network, 5xx), never a request the API refused (4xx). */
export function retryTransient(failures: number, error: Error): boolean {
  const status = (error as Error & { status?: number }).status;
  return failures < 1 && (status === undefined || status >= 500);
}
