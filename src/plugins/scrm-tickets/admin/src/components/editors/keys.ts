// Keys made from what business staff type: the JSON's keys stay ASCII while labels are Chinese.
import { pinyin } from 'pinyin-pro';

const MAX_KEY = 48;

/**
 * A key from a label: its Latin words if it has any, else the pinyin of its Chinese, in
 * camelCase (联系电话 → lianXiDianHua) or snake_case for workflow keys (上门检测 → shang_men_jian_ce); `fallback` when nothing usable is left; a number is added
 * until no other field has it.
 */
export function keyFromLabel(label: string, taken: Set<string>, fallback: string, style: 'camel' | 'snake' = 'camel'): string {
  // Chinese characters become their pinyin, Latin letters and digits stay, the rest separates words.
  const words = pinyin(label, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).flatMap((part) => part.match(/[A-Za-z0-9]+/g) ?? []);
  // A key starts with a letter: leading numbers go (1.5匹 → pi).
  while (words.length && /^\d/.test(words[0])) words.shift();
  let key = (
    style === 'snake' ? words.map((w) => w.toLowerCase()).join('_') : words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('')
  ).slice(0, MAX_KEY);
  if (!key) key = fallback;
  let unique = key;
  for (let n = 2; taken.has(unique); n += 1) unique = style === 'snake' ? `${key}_${n}` : `${key}${n}`;
  return unique;
}
