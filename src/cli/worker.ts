// The worker thread of a batch with more than one job (batch.ts's WorkerPool):
// takes tasks (an input, or one page of a long input), hands back their results.
// Its own module so that the main thread never loads worker_threads for a one-file run.
import { isMainThread, parentPort } from 'node:worker_threads';
import { runTask, type Task } from './task.js';
import { runPageTask, type PageTask } from './pages.js';

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (task: Task | PageTask) => {
    if (task.kind === 'page') port.postMessage(runPageTask(task));
    else void runTask(task).then((result) => port.postMessage(result));
  });
}
