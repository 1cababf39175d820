// A value computed at most once per TTL however many requests ask for it: the first caller waits,
// later ones get the last value while one refresh runs (stale-while-revalidate).
export interface Cached<T> {
  get(): Promise<T>;
  invalidate(): void;
}

export function cached<T>(ttlMs: number, compute: () => Promise<T>): Cached<T> {
  let value: { data: T; at: number } | undefined;
  let pending: Promise<T> | undefined;
  const refresh = () => {
    pending ??= compute()
      .then((data) => {
        value = { data, at: Date.now() };
        return data;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  return {
    get() {
      if (!value) return refresh();
      if (Date.now() - value.at >= ttlMs) refresh().catch(() => {});
      return Promise.resolve(value.data);
    },
    invalidate() {
      value = undefined;
    },
  };
}
