/**
 * A list's query string: `extra` (the page, or `format=xlsx`) and each filter that holds text,
 * trimmed. A cleared Element Plus select sets its model to undefined, not '': such a filter is
 * left out like an empty one.
 */
export function listQuery(
  filters: Readonly<Record<string, string | null | undefined>>,
  extra: Record<string, string>,
): URLSearchParams {
  const q = new URLSearchParams(extra);
  for (const [k, v] of Object.entries(filters)) {
    const text = v?.trim();
    if (text) q.set(k, text);
  }
  return q;
}
