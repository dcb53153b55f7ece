// What the server answered to a refused save, as the Content Manager keeps it for one input: the
// ValidationError's details nested by path (`{ states: { 2: { key: 'cannot be reached…' } } }`).
export interface PathError {
  path: (string | number)[];
  message: string;
}

/** Every message of a nested error object, with its path (numeric keys become indexes). */
export function errorLeaves(node: unknown, path: (string | number)[] = [], out: PathError[] = []): PathError[] {
  if (typeof node === 'string') out.push({ path, message: node });
  else if (node && typeof node === 'object' && 'defaultMessage' in node) out.push({ path, message: String((node as { defaultMessage: unknown }).defaultMessage) });
  else if (Array.isArray(node)) node.forEach((child, i) => errorLeaves(child, [...path, i], out));
  else if (node && typeof node === 'object') for (const [k, child] of Object.entries(node)) errorLeaves(child, [...path, /^\d+$/.test(k) ? Number(k) : k], out);
  return out;
}
