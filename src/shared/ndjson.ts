/** The JSON values of an application/x-ndjson answer, one per line, as they arrive (the browser and the tests read a followed commit with it). */
export async function* ndjsonValues<T>(response: Response): AsyncGenerator<T> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const lines = (buffered + read.value).split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as T;
  }
  if (buffered.trim()) yield JSON.parse(buffered) as T;
}
