// Lists in the Mastodon double (docs.joinmastodon.org/methods/lists/), as strict as Mastodon 4.x:
// - a list belongs to the account that made it; anyone else gets 404 Record not found
//   (Api::V1::ListsController: `List.where(account: current_account).find(params[:id])`);
// - POST /api/v1/lists needs a title: 422 "Validation failed: Title can't be blank" (List
//   validates :title, presence: true);
// - POST /api/v1/lists/:id/accounts adds only accounts the owner follows ("Note that the user
//   must be following these accounts", docs.joinmastodon.org/methods/lists/#accounts-add).
//   ListAccount#set_follow looks the follow up with find_by!, so an account not followed is
//   404 Record not found; a follow request does not count here (the strictest reading). One
//   refused account and none is added (the controller adds them in one transaction). An account
//   already in the list: 422 "Validation failed: Account has already been taken";
// - GET /api/v1/lists/:id/accounts with limit=0 returns every account without pagination.

export interface DoubleList {
  id: string;
  owner: string;
  title: string;
  accounts: Set<string>;
}

export interface ListsHost {
  lists: Map<string, DoubleList>;
  nextListId(): string;
  isFollowing(follower: string, target: string): boolean;
  accountExists(id: string): boolean;
  entity(id: string): Record<string, unknown>;
}

export type Answer = { status: number; body: unknown };

const notFound: Answer = { status: 404, body: { error: 'Record not found' } };

/** The answer to a list route, or null when the route is not about lists. */
export function answerLists(
  host: ListsHost,
  route: string,
  me: string,
  body: Record<string, unknown>,
  url: URL,
): Answer | null {
  if (route === 'POST /api/v1/lists') {
    const title = String(body.title ?? '').trim();
    if (!title) return { status: 422, body: { error: "Validation failed: Title can't be blank" } };
    const list = { id: host.nextListId(), owner: me, title, accounts: new Set<string>() };
    host.lists.set(list.id, list);
    return { status: 200, body: view(list) };
  }
  const m = /^(GET|POST|DELETE) \/api\/v1\/lists\/([^/]+)(\/accounts)?$/.exec(route);
  if (!m) return null;
  const [, method, id, accounts] = m;
  const list = host.lists.get(id ?? '');
  if (!list || list.owner !== me) return notFound;
  if (!accounts) return method === 'GET' ? { status: 200, body: view(list) } : notFound;
  if (method === 'GET') {
    const limit = Number(url.searchParams.get('limit') ?? 40);
    const ids = [...list.accounts];
    return { status: 200, body: (limit === 0 ? ids : ids.slice(0, Math.min(limit, 80))).map(host.entity) };
  }
  const ids = accountIds(body);
  if (method === 'DELETE') {
    for (const a of ids) list.accounts.delete(a);
    return { status: 200, body: {} };
  }
  for (const a of ids) {
    if (!host.accountExists(a) || !host.isFollowing(me, a)) return notFound;
    if (list.accounts.has(a))
      return { status: 422, body: { error: 'Validation failed: Account has already been taken' } };
  }
  for (const a of ids) list.accounts.add(a);
  return { status: 200, body: {} };
}

function view(list: DoubleList) {
  return { id: list.id, title: list.title, replies_policy: 'list', exclusive: false };
}

/** `account_ids` as a JSON array, or `account_ids[]` form fields. */
function accountIds(body: Record<string, unknown>): string[] {
  const value = body.account_ids ?? body['account_ids[]'];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
}
