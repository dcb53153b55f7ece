/**
 * `promise`, or a rejection with `message` once `ms` have passed: for calls to a Redis that may be
 * gone, where ioredis would otherwise hold the command in its offline queue indefinitely.
 */
export async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
