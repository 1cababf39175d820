// A minimal browser for API tests: keeps cookies like a browser would and echoes the CSRF token.

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the X-CSRF-Token header (default true for non-GET). */
  csrf?: boolean;
}

/** Any Hono app: only its in-process request() is used. */
export type Requester = { request(input: string, init?: RequestInit): Response | Promise<Response> };

export class TestBrowser {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;
  private readonly app: Requester;

  constructor(app: Requester) {
    this.app = app;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && (options.csrf ?? true) && this.csrfToken)
      headers['x-csrf-token'] = this.csrfToken;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.app.request(`http://localhost${path}`, { method, headers, body });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (!name) continue;
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()));
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), rest.join('='));
    }
    return res;
  }

  /** GET /api/session, remembering the CSRF token. */
  async session(): Promise<{ user: Record<string, unknown> | null; csrfToken: string }> {
    const res = await this.request('GET', '/api/session');
    const data = (await res.json()) as { user: Record<string, unknown> | null; csrfToken: string };
    this.csrfToken = data.csrfToken;
    return data;
  }

  /** Starts an anonymous session; returns the new user's id. */
  async signIn(): Promise<number> {
    await this.session();
    const res = await this.request('POST', '/api/session');
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const data = (await res.json()) as { user: { id: number } };
    return data.user.id;
  }
}

export function archiveBody(accountId: string, following: string[], followers: string[]) {
  return {
    owner: { accountId, username: `user${accountId}`, displayName: `User ${accountId}` },
    following,
    followers,
    layout: 'expanded',
    source: 'zip',
    warnings: [],
  };
}
