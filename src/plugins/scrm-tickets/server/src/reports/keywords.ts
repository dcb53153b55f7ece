// Top complaint keywords: the words of ticket titles, counted once per ticket. Chinese has no
// spaces, so words come from jieba (@node-rs/jieba, its bundled dictionary): ICU's segmenter
// (Intl.Segmenter) splits 洗衣机 into 洗衣|机 and 热水器 into 热水|器, which is no use here.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/** Words that say nothing about what went wrong. */
const STOPWORDS = new Set([
  '工单', '问题', '客户', '用户', '顾客', '您好', '你好', '一个', '一下', '没有', '不能', '可以', '需要', '已经', '还是', '什么',
  '怎么', '这个', '那个', '我们', '你们', '他们', '我的', '自己', '现在', '今天', '昨天', '明天', '时候', '然后', '但是', '因为',
  '所以', '如果', '还有', '就是', '非常', '比较', '一直', '出现', '情况', '反馈', '处理', '麻烦', '谢谢', '请问',
]);

let jieba: Jieba | null = null;
/** The dictionary takes a moment to load: once per process, on first use. */
const segmenter = () => (jieba ??= Jieba.withDict(dict));

/** The distinct keywords of one title: words of two or more characters with a letter or a Han character, not a stopword. */
export function keywordsOf(title: string): Set<string> {
  const words = new Set<string>();
  for (const raw of segmenter().cut(title, true)) {
    const word = raw.trim().toLowerCase();
    if ([...word].length < 2 || STOPWORDS.has(word) || !/[\p{Script=Han}\p{L}]/u.test(word)) continue;
    words.add(word);
  }
  return words;
}

/** Counts keywords over titles (each at most once per title); the `limit` most frequent, ties by word. */
export class KeywordCounter {
  private readonly counts = new Map<string, number>();

  add(title: string): void {
    for (const word of keywordsOf(title)) this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
  }

  top(limit: number): { word: string; tickets: number }[] {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, limit)
      .map(([word, tickets]) => ({ word, tickets }));
  }
}
