// A long paged input (form feeds) parsed by this thread and worker threads at
// once. Pages are independent: each is parsed on its own (src/stream.ts parsePage)
// and the parses are put together in page order, so the output is byte for byte
// that of one thread. Only a page's text goes to a worker, and what comes back is
// the page's articles already written out (JSON is a good part of the work, and
// text crosses between threads far faster than objects do) with the rest of its parse.
import type { TextBase } from '../decode/lines.js';
import { articleText, parsePage, renumberText, type ArticleLayout, type ArticleText, type DocumentShell, type PageParse, type PagedInput } from '../stream.js';

/** One page for a worker thread (worker.ts), and how its articles are to be written. */
export interface PageTask {
  kind: 'page';
  index: number;
  text: string;
  base: TextBase;
  layout: ArticleLayout;
}

export type PageTaskResult = { index: number; ok: true; page: PageParse<ArticleText> } | { index: number; ok: false; kind: 'internal'; message: string };

export function runPageTask(task: PageTask): PageTaskResult {
  try {
    return { index: task.index, ok: true, page: writtenPage(task.text, task.base, task.layout) };
  } catch (err) {
    return { index: task.index, ok: false, kind: 'internal', message: err instanceof Error ? err.message : String(err) };
  }
}

/** parsePage(), its articles written out. */
function writtenPage(text: string, base: TextBase, layout: ArticleLayout): PageParse<ArticleText> {
  const page = parsePage(text, base);
  return { ...page, articles: page.articles.map((article) => articleText(article, layout)) };
}

/** Where pages go to be parsed in another thread (batch.ts's WorkerPool). */
export interface PageWorkers {
  readonly size: number;
  runPage(task: PageTask): Promise<PageTaskResult>;
}

/** Pages a worker is handed ahead of its answers: the next waits while it works. */
export const PAGES_PER_WORKER = 2;

/**
 * PagedInput.run() with `workers` taking pages alongside this thread, its articles
 * handed on as text: each worker has a page or two queued; this thread parses the
 * next page itself meanwhile and hands the articles on in page order. A page a
 * worker fails on (a worker that dies) is parsed here, so any error is this thread's own.
 */
export async function runInParallel(
  paged: PagedInput,
  workers: PageWorkers,
  layout: ArticleLayout,
  onArticles: (articles: string[]) => void | Promise<void>,
): Promise<{ shell: DocumentShell; articles: number }> {
  const join = paged.joiner();
  const total = paged.pages.length;
  const parsed: Array<PageParse<ArticleText> | undefined> = new Array(total);
  const retry: number[] = [];
  let queued = 0;
  let next = 0;
  let joined = 0;
  let wake: (() => void) | null = null;

  const local = (k: number) => {
    const { text, base } = paged.page(k);
    parsed[k] = writtenPage(text, base, layout);
  };
  const send = (k: number) => {
    queued++;
    void workers.runPage({ kind: 'page', index: k, ...paged.page(k), layout }).then((result) => {
      queued--;
      if (result.ok) parsed[k] = result.page;
      else retry.push(k);
      wake?.();
    });
  };

  while (joined < total) {
    for (; joined < total && parsed[joined]; joined++) {
      const page = parsed[joined]!;
      parsed[joined] = undefined;
      const offset = join.add(page);
      if (page.articles.length > 0) await onArticles(page.articles.map((article) => renumberText(article, offset)));
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
