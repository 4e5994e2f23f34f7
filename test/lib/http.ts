// Raw HTTP against the LCD, for what secretjs cannot send (bad input) or hides (status codes).
export interface HttpResult {
  status: number;
  contentType: string;
  text: string;
  /** Parsed body, or undefined if it is not JSON. */
  json: any;
}

export async function http(url: string, init?: RequestInit): Promise<HttpResult> {
  const r = await fetch(url, init);
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, contentType: r.headers.get('content-type') ?? '', text, json };
}

export function postJson(url: string, body: unknown): Promise<HttpResult> {
  return http(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** Asserts nothing; describes a result for assertion messages. */
export function show(r: HttpResult): string {
  return `HTTP ${r.status} ${r.text.slice(0, 500)}`;
}
