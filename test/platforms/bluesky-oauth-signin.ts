// Completes a Bluesky OAuth sign-in on the dev-env PDS without a browser, through the
// authorization server's own pages API (see /shared/notes: pinned dev-env version). node:http,
// not fetch: the provider refuses the sec-fetch-mode fetch forces.
import http from 'node:http';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

/** Signs in as `username` and consents; returns the callback's query parameters. */
export async function signInHeadless(
  authorizeUrl: URL,
  username: string,
  password: string,
): Promise<URLSearchParams> {
  const jar = new Map<string, string>();
  const keep = (a: Answer) => {
    for (const c of a.headers['set-cookie'] ?? []) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const navigate = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
  const page = await request(authorizeUrl.toString(), {
    headers: { ...navigate, 'sec-fetch-site': 'cross-site' },
  });
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}`);
  keep(page);
  const origin = authorizeUrl.origin;
  const api = `${origin}/@atproto/oauth-provider/~api`;
  const json = () => ({
    'content-type': 'application/json',
    'sec-fetch-site': 'same-origin',
    'sec-fetch-mode': 'same-origin',
    origin,
    referer: authorizeUrl.toString(),
    'x-csrf-token': jar.get('csrf-token') ?? '',
    cookie: cookie(),
  });
  const signIn = await request(`${api}/sign-in`, {
    method: 'POST',
    headers: json(),
    body: JSON.stringify({ locale: 'en', username, password, remember: true }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}: ${signIn.body}`);
  keep(signIn);
  const did = (JSON.parse(signIn.body) as { account: { did: string } }).account.did;
  const consent = await request(`${api}/consent`, {
    method: 'POST',
    headers: json(),
    body: JSON.stringify({ did }),
  });
  if (consent.status !== 200) throw new Error(`consent answered ${consent.status}: ${consent.body}`);
  keep(consent);
  const next = (JSON.parse(consent.body) as { url: string }).url;
  const redirect = await request(next, {
    headers: {
      ...navigate,
      'sec-fetch-site': 'same-origin',
      referer: authorizeUrl.toString(),
      cookie: cookie(),
    },
  });
  const location = redirect.headers.location;
  if (!location) throw new Error(`no redirect after consent (${redirect.status})`);
  return new URL(location, origin).searchParams;
}
