/**
 * UTF-8 text from byte chunks, decoded in stream mode so a character split across two
 * chunks is joined, not replaced by U+FFFD. `watch` sees every decoded piece with the end
 * of the previous one prepended, so a pattern is found even across a chunk boundary.
 */
export async function* utf8Text(
  chunks: AsyncIterable<Buffer | string>,
  watch?: (text: string) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let tail = '';
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (watch) {
      watch(tail + text);
      tail = text.slice(-32);
    }
    if (text) yield text;
  }
  const last = decoder.decode();
  if (last) yield last;
}
