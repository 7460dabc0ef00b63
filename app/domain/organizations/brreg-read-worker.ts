import { Worker } from "node:worker_threads";
import { BrregReadError, type BatchReader, type ReadBatch, type ReadCounts, type ReadOptions } from "./brreg-read.ts";

export interface WorkerInput {
  filePath: string;
  options: Omit<ReadOptions, "knownMunicipalities">;
  knownMunicipalities: string[];
}

export type WorkerMessage =
  | { kind: "batch"; batch: ReadBatch; counts: ReadCounts; bytesRead: number }
  | { kind: "progress"; counts: ReadCounts; bytesRead: number }
  | { kind: "end"; counts: ReadCounts; bytesRead: number }
  | { kind: "error"; message: string; counts: ReadCounts; bytesRead: number };

/**
 * `readBatches`, run in a worker thread: the same batches, counts, progress and errors, while this
 * thread writes. With PGlite the database runs on this thread, so reading in turn with it left one
 * of two cores idle (reading, validating and the garbage it makes were ≈ 40 % of a national import's
 * time). The worker reads at most one batch ahead of the one being written. Only for a process that
 * runs the app's TypeScript through a loader (the CLI under tsx): the server's build has no worker file.
 */
export const readBatchesInWorker: BatchReader = async function* (filePath, options, counts, progress, onChunk = () => undefined) {
  const { knownMunicipalities, ...rest } = options;
  const input: WorkerInput = { filePath, options: rest, knownMunicipalities: [...knownMunicipalities] };
  const worker = new Worker(new URL("./brreg-read.worker.ts", import.meta.url), { workerData: input });
  const queue: WorkerMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  worker.on("message", (message: WorkerMessage) => {
    queue.push(message);
    wake?.();
  });
  worker.on("error", (error: Error) => {
    failure = error;
    wake?.();
  });
  worker.on("exit", () => {
    exited = true;
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !failure && !exited) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const message = queue.shift();
      if (!message) throw new BrregReadError(`Reading the file failed: ${(failure as Error | null)?.message ?? "the reader stopped"}`);
      Object.assign(counts, message.counts);
      progress.bytesRead = message.bytesRead;
      if (message.kind === "end") return;
      if (message.kind === "error") throw new BrregReadError(message.message);
      if (message.kind === "progress") {
        onChunk();
        continue;
      }
      yield message.batch;
      worker.postMessage("more");
    }
  } finally {
    await worker.terminate();
  }
};
