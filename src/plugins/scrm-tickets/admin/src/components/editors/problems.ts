// An editor's problems: what the server's own validator finds in the value being typed, and what
// the server answered to the last save, filed under the item and setting each names.
import type { Problem } from './PropField';
import type { ShownProblem } from './ProblemLines';
import type { PathError } from './server-errors';

type Path = (string | number)[];

/** The editor's findings and the server's, each once (marked as the server's when both say it). */
export function mergeFindings(own: PathError[], server: PathError[]): ShownProblem[] {
  const out: ShownProblem[] = [];
  for (const { path, message, fromServer } of [...own, ...server.map((e) => ({ ...e, fromServer: true }))] as ShownProblem[]) {
    const same = out.find((p) => p.message === message && p.path.join('.') === path.join('.'));
    if (same) same.fromServer ||= fromServer;
    else out.push({ path, message, fromServer });
  }
  return out;
}

const startsWith = (path: Path, prefix: Path) => prefix.every((p, i) => path[i] === p);

/**
 * The problems under a list at `prefix` (`['states']`), by item index: the setting each is on and
 * the rest of its path. Problems of the list as a whole are at -1.
 */
export function byItem(found: ShownProblem[], prefix: Path = []): Map<number, Problem[]> {
  const out = new Map<number, Problem[]>();
  for (const { path, message, fromServer } of found) {
    if (!startsWith(path, prefix)) continue;
    const [index, prop, ...rest] = path.slice(prefix.length);
    const at = typeof index === 'number' ? index : -1;
    const problem: Problem =
      at < 0 ? { prop: '', path: path.slice(prefix.length), message, fromServer } : { prop: typeof prop === 'string' ? prop : '', path: rest, message, fromServer };
    out.set(at, [...(out.get(at) ?? []), problem]);
  }
  return out;
}
