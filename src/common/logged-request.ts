// What the request log keeps of a request: its id, method and path. Query strings carry what
// staff search by (a name, an ID number in the population search) and a public complaint's
// receipt code is its path segment (it opens the reply): neither may reach a log.

const RECEIPT_PATH = /(\/public\/complaints\/)[^/?#]+/;

/** The path without its query string, a receipt code replaced by its placeholder. */
export function loggedPath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0]!.split('#')[0]!;
  return path.replace(RECEIPT_PATH, '$1:receiptCode');
}

/** pino-http's `req` serializer: no query, no params, no headers (tokens, cookies), no body. */
export function loggedRequest(req: { id?: unknown; method?: string; url?: string }) {
  return { id: req.id, method: req.method, url: loggedPath(req.url) };
}
