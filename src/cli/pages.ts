// A long paged input (form feeds) parsed by this thread and worker threads at
// once. Pages are independent: each is parsed on its own (src/stream.ts parsePage)
// and the parses are put together in page order, so the output is byte for byte
// that of one thread. Only a page's text goes to a worker, and its parse comes back.
import type { TextBase } from '../decode/lines.js';
import type { Article } from '../types.js';
import { parsePage, type DocumentShell, type PageParse, type PagedInput } from '../stream.js';

/** One page for a worker thread (worker.ts). */
export interface PageTask {
  kind: 'page';
  index: number;
  text: string;
  base: TextBase;
}

export type PageTaskResult = { index: number; ok: true; page: PageParse } | { index: number; ok: false; kind: 'internal'; message: string };

export function runPageTask(task: PageTask): PageTaskResult {
  try {
    return { index: task.index, ok: true, page: parsePage(task.text, task.base) };
  } catch (err) {
    return { index: task.index, ok: false, kind: 'internal', message: err instanceof Error ? err.message : String(err) };
  }
}

/** Where pages go to be parsed in another thread (batch.ts's WorkerPool). */
export interface PageWorkers {
  readonly size: number;
  runPage(task: PageTask): Promise<PageTaskResult>;
}

/** Pages a worker is handed ahead of its answers: the next waits while it works. */
export const PAGES_PER_WORKER = 2;

/**
 * PagedInput.run() with `workers` taking pages alongside this thread: each worker
 * has a page or two queued; this thread parses the next page itself meanwhile and
 * hands the parses on in page order. A page a worker fails on (a worker that dies)
 * is parsed here, so any error is this thread's own.
 */
export async function runInParallel(
  paged: PagedInput,
  workers: PageWorkers,
  onArticles: (articles: Article[]) => void,
): Promise<{ shell: DocumentShell; articles: number }> {
  const join = paged.joiner();
  const total = paged.pages.length;
  const parsed: Array<PageParse | undefined> = new Array(total);
  const retry: number[] = [];
  let queued = 0;
  let next = 0;
  let joined = 0;
  let wake: (() => void) | null = null;

  const local = (k: number) => {
    const { text, base } = paged.page(k);
    parsed[k] = parsePage(text, base);
  };
  const send = (k: number) => {
    queued++;
    void workers.runPage({ kind: 'page', index: k, ...paged.page(k) }).then((result) => {
      queued--;
      if (result.ok) parsed[k] = result.page;
      else retry.push(k);
      wake?.();
    });
  };

  while (joined < total) {
    for (; joined < total && parsed[joined]; joined++) {
      const articles = join.add(parsed[joined]!);
      parsed[joined] = undefined;
      if (articles.length > 0) onArticles(articles);
    }
    if (joined === total) break;
    while (queued < workers.size * PAGES_PER_WORKER && next < total) send(next++);
    const k = retry.length > 0 ? retry.shift()! : next < total ? next++ : -1;
    if (k >= 0) {
      local(k);
      // let the workers' answers in
      await new Promise((resolve) => setImmediate(resolve));
    } else if (!parsed[joined]) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }
  return join.finish();
}
