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

/** For React Query: the body on success, an Error carrying the API's message otherwise. */
export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const r = await callApi(url, init);
  if (!r.ok) throw new Error(apiError(r));
  return r.body as T;
}
