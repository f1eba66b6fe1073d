/**
 * Whether an Accept header admits JSON, the only type any operation produces. Media ranges with
 * q=0 are refusals (RFC 9110 §12.5.1). Answers are kept per header text: clients send the same few.
 */
const seen = new Map<string, boolean>();

export function acceptsJson(accept: string): boolean {
  let answer = seen.get(accept);
  if (answer === undefined) {
    answer = accept.split(',').some((range) => {
      const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      if (q !== undefined && !(Number(q.slice(2)) > 0)) return false;
      return type === '*/*' || type === 'application/*' || type === 'application/json' || type === '';
    });
    if (seen.size < 256) seen.set(accept, answer);
  }
  return answer;
}
