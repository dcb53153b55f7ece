// A steady stream of ticket creates, as a careful client makes them: each create carries its own
// Idempotency-Key and is retried with the same key until it is accepted (a lost answer or a 5xx
// must not make a second ticket, and must not lose the first). Every `raceEvery`-th create is sent
// twice at once, as by a client that gave up waiting and sent again while the first was still
// being served: both must answer the same ticket. Every answer is kept, so a test can say what the
// server answered while a dependency was away.

export interface Answer {
  key: string;
  /** HTTP status, or 0 when the request itself failed (refused, reset). */
  status: number;
  ms: number;
  at: number;
  error?: string;
}

export interface CreateStream {
  /** Stops making new keys, waits for every key in hand to be accepted (or for `patienceMs`). */
  stop(): Promise<{ keys: string[]; accepted: Map<string, string>; answers: Answer[]; mismatched: string[] }>;
  /** Stops at once, keys in hand or not (afterAll, after a failure). */
  abandon(): void;
  answers: Answer[];
  accepted: Map<string, string>;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startCreates(opts: {
  url: string;
  token: string;
  prefix: string;
  /** The create body of the n-th ticket. */
  body: (n: number) => unknown;
  lanes?: number;
  /** Each lane starts a create at most every `paceMs` (a steady rate, whatever the machine). */
  paceMs?: number;
  raceEvery?: number;
  /** How long one key is retried before the client gives up on it. */
  patienceMs?: number;
}): CreateStream {
  const keys: string[] = [];
  const answers: Answer[] = [];
  const accepted = new Map<string, string>();
  /** Keys answered with two different tickets. */
  const mismatched: string[] = [];
  let stopped = false;
  let abandoned = false;
  let n = 0;
  const patience = opts.patienceMs ?? 60_000;

  const create = async (key: string, body: unknown) => {
    for (const end = Date.now() + patience; Date.now() < end && !abandoned; await pause(250)) {
      const started = Date.now();
      try {
        const res = await fetch(`${opts.url}/api/scrm-tickets/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}`, 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        answers.push({ key, status: res.status, ms: Date.now() - started, at: started, ...(res.status >= 300 ? { error: text.slice(0, 300) } : {}) });
        if (res.status === 200 || res.status === 201) {
          const documentId = JSON.parse(text).data.documentId;
          if (accepted.has(key) && accepted.get(key) !== documentId) mismatched.push(key);
          accepted.set(key, documentId);
          return;
        }
      } catch (error) {
        answers.push({ key, status: 0, ms: Date.now() - started, at: started, error: (error as Error).message });
      }
    }
  };

  const lane = async () => {
    while (!stopped) {
      const i = n++;
      const key = `${opts.prefix}-${i}`;
      keys.push(key);
      const racing = opts.raceEvery && i % opts.raceEvery === 0 ? 2 : 1;
      const started = Date.now();
      await Promise.all(Array.from({ length: racing }, () => create(key, opts.body(i))));
      await pause((opts.paceMs ?? 0) - (Date.now() - started));
    }
  };
  const running = Promise.all(Array.from({ length: opts.lanes ?? 3 }, lane));

  return {
    answers,
    accepted,
    abandon() {
      stopped = true;
      abandoned = true;
    },
    async stop() {
      stopped = true;
      await running;
      return { keys, accepted, answers, mismatched };
    },
  };
}

/** The p-th percentile (0-100) of `values`. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
